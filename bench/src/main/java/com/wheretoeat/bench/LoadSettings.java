package com.wheretoeat.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one many-areas run does, from {@code --name=value} arguments (every one has a default but the
 * server URLs): how many areas and members, how often each member votes, for how long, and which
 * processes' CPU to report.
 */
record LoadSettings(
        List<URI> servers,
        int areas,
        int members,
        double intervalSeconds,
        int durationSeconds,
        int warmupSeconds,
        int threads,
        int handshakesInFlight,
        int drainSeconds,
        Map<String, Long> watched,
        long clockTicksPerSecond) {

    static final String USAGE = """
            usage: ManyAreas --servers=ws://127.0.0.1:8081/[,ws://...] [--areas=990] [--members=10]
                   [--interval=10] [--duration=60] [--warmup=10] [--threads=2] [--handshakes=200]
                   [--drain=15] [--watch=name=pid,...] [--clk-tck=100]
              members are spread over the servers in turn, so an area's members sit on every node""";

    static LoadSettings parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        String servers = given.remove("servers");
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("--servers is required");
        }
        LoadSettings settings = new LoadSettings(
                Arrays.stream(servers.split(",")).map(String::trim).map(URI::create).toList(),
                positive(given.remove("areas"), 990),
                positive(given.remove("members"), 10),
                Double.parseDouble(orDefault(given.remove("interval"), "10")),
                positive(given.remove("duration"), 60),
                Integer.parseInt(orDefault(given.remove("warmup"), "10")),
                positive(given.remove("threads"), 2),
                positive(given.remove("handshakes"), 200),
                positive(given.remove("drain"), 15),
                watched(given.remove("watch")),
                positive(given.remove("clk-tck"), 100));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings: " + given.keySet());
        }
        if (settings.intervalSeconds() <= 0 || settings.warmupSeconds() < 0) {
            throw new IllegalArgumentException("--interval must be positive and --warmup not negative");
        }
        return settings;
    }

    int clients() {
        return areas * members;
    }

    long intervalNanos() {
        return (long) (intervalSeconds * 1e9);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int positive(String value, int fallback) {
        int n = value == null ? fallback : Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return n;
    }

    private static Map<String, Long> watched(String value) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (value != null && !value.isBlank()) {
            for (String pair : value.split(",")) {
                String[] parts = pair.split("=", 2);
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return pids;
    }
}
