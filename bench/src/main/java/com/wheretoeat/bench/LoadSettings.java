package com.wheretoeat.bench;

import java.net.URI;
import java.util.Arrays;
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
        Flags given = new Flags(args);
        String servers = given.required("servers");
        LoadSettings settings = new LoadSettings(
                Arrays.stream(servers.split(",")).map(String::trim).map(URI::create).toList(),
                given.positive("areas", 990),
                given.positive("members", 10),
                Double.parseDouble(orDefault(given.take("interval"), "10")),
                given.positive("duration", 60),
                Integer.parseInt(orDefault(given.take("warmup"), "10")),
                given.positive("threads", 2),
                given.positive("handshakes", 200),
                given.positive("drain", 15),
                watched(given.take("watch")),
                given.positive("clk-tck", 100));
        given.checkNoneLeft();
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
