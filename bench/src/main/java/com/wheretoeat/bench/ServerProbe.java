package com.wheretoeat.bench;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at the server process from outside, on the same machine: its CPU time, its heap through
 * {@code jcmd} (as bench/many-areas.sh does), its resident size, and its live connections from
 * {@code /metrics}. Every figure is -1 when it cannot be had (no pid, no jcmd), so a run still ends.
 */
final class ServerProbe {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern LIVE = Pattern.compile("(?m)^wte_live_connections(?:\\{[^}]*})? ([0-9.eE+]+)");

    private final long pid;
    private final long clockTicksPerSecond;
    private final URI metrics;
    private final int port;

    ServerProbe(long pid, long clockTicksPerSecond, URI metrics) {
        this.pid = pid;
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.metrics = metrics;
        this.port = metrics.getPort();
    }

    /** CPU seconds the server has used so far. */
    double cpuSeconds() {
        return pid > 0 ? ProcessCpu.seconds(Long.toString(pid), clockTicksPerSecond) : -1;
    }

    /** The heap in use now, in KiB, garbage included. */
    long heapUsedKiB() {
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    /** The heap in use after a full collection, in KiB: the live set. */
    long heapAfterFullGcKiB() {
        jcmd("GC.run");
        return heapUsedKiB();
    }

    /** The resident set size, in MiB. */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not ours: no figure
        }
        return -1;
    }

    /** The server's own count of live connections (closed ones until their member is dealt with). */
    long liveConnections() {
        // A plain socket closed at once (HTTP/1.0: no chunks to split a line), not a client that keeps
        // its connection: ss counts the server's connections, and one kept open would count as a member.
        try (Socket socket = new Socket(metrics.getHost(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + metrics.getPath() + " HTTP/1.0\r\nHost: " + metrics.getHost() + ":" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Matcher live = LIVE.matcher(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            return live.find() ? (long) Double.parseDouble(live.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * What the kernel holds of the server's writes, from {@code ss}: unsent at the server's sockets
     * (Send-Q) and received but unread at the clients' (Recv-Q), with how many connections hold any.
     * Data a client does not read waits there first, and in the server's own buffer only after.
     */
    String kernelQueues() {
        long[] server = queues("sport", 1);
        long[] clients = queues("dport", 0);
        return (server == null || clients == null ? "n/a" : String.format(Locale.ROOT,
                "server Send-Q %.1f MiB on %d connections (largest %.0f KiB), clients' Recv-Q %.1f MiB on %d (largest %.0f KiB)",
                server[0] / 1048576.0, server[1], server[2] / 1024.0, clients[0] / 1048576.0, clients[1], clients[2] / 1024.0))
                + "; " + tcpMemory();
    }

    /**
     * The machine's TCP buffer memory against its limits (net.ipv4.tcp_mem, in pages): past the
     * "pressure" figure the kernel shrinks buffers, at the "max" it drops data for every socket, so
     * thousands of clients that do not read can slow down those that do.
     */
    private static String tcpMemory() {
        try {
            // Not Files.readString: it trusts the size procfs reports and reads too little.
            String[] limits = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_mem")).get(0).trim().split("\\s+");
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                Matcher mem = Pattern.compile("^TCP:.* mem (\\d+)").matcher(line);
                if (mem.find()) {
                    // tcp_mem counts pages of 4 KiB on x86-64.
                    return String.format(Locale.ROOT, "TCP memory %d MiB (pressure at %d MiB, max %d MiB)",
                            Long.parseLong(mem.group(1)) / 256, Long.parseLong(limits[1]) / 256, Long.parseLong(limits[2]) / 256);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: no figure
        }
        return "TCP memory n/a";
    }

    /**
     * How many connections the server's side still holds established, from {@code ss}: the one count
     * that sees a member that does not read being closed (its client learns of it only by reading).
     */
    long established() {
        long[] server = queues("sport", 1);
        return server == null ? -1 : server[3];
    }

    /** The total of one queue column of the established sockets whose {@code side} port is the server's, how many are not empty, the largest, and how many in all. */
    private long[] queues(String side, int column) {
        String out = run("ss", "-Htn", "state", "established", "( " + side + " = :" + port + " )");
        if (out == null) {
            return null;
        }
        long[] sum = new long[4];
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2 && fields[column].matches("\\d+")) {
                long bytes = Long.parseLong(fields[column]);
                sum[0] += bytes;
                sum[1] += bytes > 0 ? 1 : 0;
                sum[2] = Math.max(sum[2], bytes);
                sum[3]++;
            }
        }
        return sum;
    }

    private String jcmd(String command) {
        if (pid <= 0) {
            return "";
        }
        String out = run("jcmd", Long.toString(pid), command);
        return out == null ? "" : out;
    }

    /** The output of a command, or null when it cannot run. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return process.exitValue() == 0 ? out : null;
        } catch (IOException | IllegalThreadStateException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
