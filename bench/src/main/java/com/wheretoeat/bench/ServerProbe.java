package com.wheretoeat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerProbe(long pid, long clockTicksPerSecond, URI metrics) {
        this.pid = pid;
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.metrics = metrics;
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
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher live = LIVE.matcher(response.body());
            return live.find() ? (long) Double.parseDouble(live.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String jcmd(String command) {
        if (pid <= 0) {
            return "";
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
