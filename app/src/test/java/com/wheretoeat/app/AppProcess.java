package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The built jar running as a process of its own, as a user starts it; its output is kept for assertions. */
final class AppProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);

    final int httpPort;
    /** The line the app printed when it was ready, once {@link #start} returned. */
    String readyLine;
    private final Process process;
    private final Thread reader;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private AppProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.reader = new Thread(this::readOutput, "app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar on free loopback ports with {@code environment} added, and waits until it is ready. */
    static AppProcess start(Map<String, String> environment) {
        int http = freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOST", "127.0.0.1");
        env.put("PORT", String.valueOf(http));
        AppProcess app = new AppProcess(launch(List.of(), env), http);
        app.readyLine = app.awaitLine("ready in", START);
        return app;
    }

    /**
     * Starts the jar as {@link #start} does, under a limit of {@code openFiles} open files (soft and
     * hard, so the JVM cannot raise it), as on a host whose limit was never raised.
     */
    static AppProcess startWithOpenFiles(int openFiles, Map<String, String> environment) {
        int http = freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOST", "127.0.0.1");
        env.put("PORT", String.valueOf(http));
        List<String> shell = List.of("sh", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\"");
        AppProcess app = new AppProcess(launch(shell, List.of(), env), http);
        app.readyLine = app.awaitLine("ready in", START);
        return app;
    }

    /** Runs the jar with {@code args} to the end; answers its exit status and everything it printed. */
    static Finished run(List<String> args, Map<String, String> environment) throws InterruptedException {
        Process process = launch(args, environment);
        String printed;
        try {
            printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("The app did not finish within " + START);
        }
        return new Finished(process.exitValue(), printed);
    }

    record Finished(int status, String output) {}

    private static Process launch(List<String> args, Map<String, String> environment) {
        return launch(List.of(), args, environment);
    }

    private static Process launch(List<String> prefix, List<String> args, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("app.jar", "target/where-to-eat.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("No built jar at " + jar + "; run the end-to-end tests with 'mvn verify'");
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> Variable.names().contains(key));
        // This machine has no internet: the app searches its local catalog unless a test says otherwise.
        builder.environment().put("VENUES", "catalog");
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI page(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    URI live() {
        return URI.create("ws://127.0.0.1:" + httpPort + "/live");
    }

    /** Waits for an output line containing {@code text}; answers it. */
    String awaitLine(String text, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    fail("The app printed no line with \"" + text + "\" within " + limit + "; it printed:\n" + output());
                }
                if (line.contains(text)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends SIGTERM, as an orchestrator does, and answers the exit status. */
    int terminate() throws InterruptedException {
        // Process.destroy() would also close our end of its output and lose the last lines.
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("The app did not stop within 20 s of SIGTERM; it printed:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /** Kills the process outright (SIGKILL), as when a machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    synchronized String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    output.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended; what it printed is kept.
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
