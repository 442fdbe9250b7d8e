package com.wheretoeat.redis;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@code redis-server} of the test's own on a free loopback port, started before the test class
 * and stopped after it; it never touches another Redis. Without the binary on the PATH the class is
 * skipped, unless {@code CI=true}, where a missing Redis is a failure.
 *
 * <p>Shipped in this module's test-jar, so the app's end-to-end tests start Redis the same way.
 * Register it as {@code @RegisterExtension static final RedisServerExtension REDIS = ...}.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final AtomicLong PREFIXES = new AtomicLong();
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

    private Path binary;
    private int port;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        binary = required("redis-server");
        port = freePort();
        start();
    }

    /**
     * The Redis program {@code name} on the PATH; without it the test class is skipped, or fails
     * when {@code CI=true}.
     */
    static Path required(String name) {
        Optional<Path> found = findOnPath(name);
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(name + " is not on the PATH, and CI=true requires the Redis tests to run");
            }
            String reason = "Skipped: " + name + " is not on the PATH (install redis-server to run the Redis tests)";
            if (!SKIP_REPORTED.getAndSet(true)) {
                // Surefire counts a skipped class as zero tests and drops the reason; say it once.
                System.err.println("[redis tests] " + reason);
            }
            Assumptions.abort(reason);
        }
        return found.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** The URL of this server. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Settings for this server with a key prefix no other test uses, so tests never see each other's keys. */
    RedisSettings freshSettings() {
        return RedisSettings.fromUrl(url()).withKeyPrefix("t" + PREFIXES.incrementAndGet());
    }

    /** Starts the server (again) on its port, waiting until it answers PING. */
    public void start() throws IOException {
        Path log = Files.createTempFile("redis-test-", ".log");
        log.toFile().deleteOnExit();
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try {
                if (command("PING").equals("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited at start: " + Files.readString(log));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer within " + STARTUP);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Stops the server and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** How often each command was called, from {@code INFO commandstats}. */
    Map<String, Long> commandCalls() throws IOException {
        Map<String, Long> calls = new HashMap<>();
        for (String line : command("INFO", "commandstats").split("\r\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
                calls.put(name, Long.parseLong(count));
            }
        }
        return calls;
    }

    /** Sends one command on a fresh socket and answers the reply in a raw, readable form. */
    String command(String... parts) throws IOException {
        return command(port, parts);
    }

    /** Sends one command to the Redis on a loopback {@code port}, as {@link #command(String...)}. */
    static String command(int port, String... parts) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            send(socket.getOutputStream(), parts);
            return readReply(socket.getInputStream());
        }
    }

    private static void send(OutputStream out, String... parts) throws IOException {
        StringBuilder request = new StringBuilder("*" + parts.length + "\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Runs {@code commands} as one MULTI/EXEC transaction on a fresh socket, so no script runs
     * between them, and answers EXEC's reply: one line per command.
     */
    String transaction(List<List<String>> commands) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            List<List<String>> all = new ArrayList<>();
            all.add(List.of("MULTI"));
            all.addAll(commands);
            for (List<String> parts : all) {
                send(out, parts.toArray(String[]::new));
                String reply = readReply(in);
                if (!reply.equals("+OK") && !reply.equals("+QUEUED")) {
                    throw new IOException(parts + " was refused: " + reply);
                }
            }
            send(out, "EXEC");
            return readReply(in);
        }
    }

    /**
     * The commands Redis ran while {@code operation} ran, those scripts called included, as
     * {@code MONITOR} shows them: one line each, such as {@code [0 lua] "HGET" "key" "field"}.
     */
    List<String> monitor(Runnable operation) throws IOException {
        String end = "end-of-monitor-" + System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            send(socket.getOutputStream(), "MONITOR");
            InputStream in = socket.getInputStream();
            String ok = line(in);
            if (!ok.equals("+OK")) {
                throw new IOException("MONITOR was refused: " + ok);
            }
            operation.run();
            command("ECHO", end);
            List<String> lines = new ArrayList<>();
            for (String line = line(in); !line.contains(end); line = line(in)) {
                lines.add(line.substring(line.indexOf('[')));
            }
            return lines;
        }
    }

    /** The keys whose names start with {@code prefix}. */
    List<String> keys(String prefix) throws IOException {
        String reply = command("KEYS", prefix + "*");
        List<String> keys = new ArrayList<>();
        for (String line : reply.split("\n")) {
            if (!line.isEmpty()) {
                keys.add(line);
            }
        }
        return keys;
    }

    /** Simple strings as {@code +OK}, integers as digits, bulk strings as text, arrays one element a line. */
    private static String readReply(InputStream in) throws IOException {
        String head = line(in);
        switch (head.charAt(0)) {
            case '+', '-':
                return head;
            case ':':
                return head.substring(1);
            case '$': {
                int length = Integer.parseInt(head.substring(1));
                if (length < 0) {
                    return "";
                }
                byte[] data = in.readNBytes(length + 2);
                return new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(head.substring(1));
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    all.append(readReply(in)).append('\n');
                }
                return all.toString();
            }
            default:
                throw new IOException("Unexpected reply " + head);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("Connection closed");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
