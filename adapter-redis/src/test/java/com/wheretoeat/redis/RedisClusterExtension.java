package com.wheretoeat.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Redis Cluster of the test's own: three masters without replicas on free loopback ports, each
 * with AOF on in a temporary directory, joined with {@code redis-cli --cluster create}, started
 * before the test class and stopped (and its files deleted) after it. A master can be killed and
 * started again on its port with its AOF and cluster config. Skipped without {@code redis-server}
 * or {@code redis-cli} on the PATH, unless {@code CI=true}.
 */
public final class RedisClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final int MASTERS = 3;
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final AtomicLong PREFIXES = new AtomicLong();

    private Path server;
    private Path directory;
    /** Process of each master by its port, in start order. */
    private final Map<Integer, Process> masters = new LinkedHashMap<>();
    private final Map<Integer, Integer> busPorts = new LinkedHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = RedisServerExtension.required("redis-server");
        Path cli = RedisServerExtension.required("redis-cli");
        directory = Files.createTempDirectory("redis-cluster-test-");
        for (int i = 0; i < MASTERS; i++) {
            int port = RedisServerExtension.freePort();
            int bus = RedisServerExtension.freePort();
            busPorts.put(port, bus);
            start(port);
        }
        List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
        masters.keySet().forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Path log = directory.resolve("create.log");
        Process creating = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!creating.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || creating.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(log));
        }
        awaitHealthy();
    }

    /** A test that failed with a master down leaves the next one a whole cluster all the same. */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        for (Map.Entry<Integer, Process> master : masters.entrySet()) {
            if (!master.getValue().isAlive()) {
                restart(master.getKey());
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        masters.keySet().forEach(this::kill);
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** A cluster URL naming every master, as an operator would write it. */
    public String url() {
        return "redis-cluster://" + masters.keySet().stream().map(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(","));
    }

    /** Settings for this cluster with a key prefix no other test uses. */
    RedisSettings freshSettings() {
        return RedisSettings.fromUrl(url()).withKeyPrefix("c" + PREFIXES.incrementAndGet());
    }

    /** The ports of the masters as created. */
    List<Integer> masters() {
        return List.copyOf(masters.keySet());
    }

    /** The port of the master that serves {@code key}'s slot now. */
    int masterOf(String key) throws IOException {
        int slot = Integer.parseInt(RedisServerExtension.command(masters.keySet().iterator().next(), "CLUSTER", "KEYSLOT", key));
        for (int port : masters.keySet()) {
            String myself = RedisServerExtension.command(port, "CLUSTER", "NODES").lines()
                    .filter(line -> line.contains("myself")).findFirst().orElseThrow();
            String[] fields = myself.split(" ");
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int first = Integer.parseInt(range[0]);
                int last = Integer.parseInt(range[range.length - 1]);
                if (first <= slot && slot <= last) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("No master serves slot " + slot);
    }

    /** Kills the master on {@code port} at once (SIGKILL): no shutdown save, only what its AOF holds survives. */
    void kill(int port) {
        Process process = masters.get(port);
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the master on {@code port} again with its AOF and cluster config, and waits until the cluster is whole. */
    void restart(int port) throws IOException {
        start(port);
        awaitHealthy();
    }

    /** Sends one command to the master on {@code port}. */
    String command(int port, String... parts) throws IOException {
        return RedisServerExtension.command(port, parts);
    }

    private void start(int port) throws IOException {
        Path node = Files.createDirectories(directory.resolve(Integer.toString(port)));
        // Full coverage off: while one master is down, the areas of the others keep working.
        Process process = new ProcessBuilder(server.toString(), "--port", Integer.toString(port),
                "--cluster-port", Integer.toString(busPorts.get(port)), "--bind", "127.0.0.1", "--protected-mode", "yes",
                "--cluster-enabled", "yes", "--cluster-config-file", node.resolve("nodes.conf").toString(),
                "--cluster-node-timeout", "2000", "--cluster-require-full-coverage", "no",
                "--dir", node.toString(), "--appendonly", "yes", "--save", "")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(node.resolve("log").toFile()))
                .start();
        masters.put(port, process);
        Poll.until("redis-server on port " + port + " answers", STARTUP, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + read(node.resolve("log")));
            }
            return reply(port, "PING").equals("+PONG");
        });
    }

    /** Every master says the cluster is ok, knows all of them and sees every slot served. */
    private void awaitHealthy() {
        Poll.until("the cluster is ok on every master", STARTUP, () -> masters.keySet().stream().allMatch(port -> {
            String info = reply(port, "CLUSTER", "INFO");
            return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384")
                    && info.contains("cluster_known_nodes:" + MASTERS);
        }));
    }

    private static String reply(int port, String... parts) {
        try {
            return RedisServerExtension.command(port, parts);
        } catch (IOException notYet) {
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
