package com.wheretoeat.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * What one one-area run does, from {@code --name=value} arguments (every one has a default but the
 * server's URL): how many members join, how many of them read, how often the voter votes, and which
 * server process to measure.
 */
record OneAreaSettings(
        URI server,
        int clients,
        int readers,
        int votes,
        int intervalMillis,
        int handshakesInFlight,
        int threads,
        int stallSeconds,
        int drainSeconds,
        long serverPid,
        long clockTicksPerSecond) {

    static final String USAGE = """
            usage: OneArea --server=ws://127.0.0.1:8080/live [--clients=1000] [--readers=50] [--votes=40]
                   [--interval=500] [--handshakes=200] [--threads=2] [--stall=60] [--drain=10]
                   [--pid=<server pid>] [--clk-tck=100]
              clients counts every connection: the voter, the readers and the silent members;
              --interval is in milliseconds; --stall: give up joining after that many seconds
              without a join; --pid: the server's process, for CPU, heap (jcmd) and RSS""";

    static OneAreaSettings parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        String server = given.remove("server");
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("--server is required");
        }
        OneAreaSettings settings = new OneAreaSettings(
                URI.create(server.trim()),
                positive(given.remove("clients"), 1000),
                positive(given.remove("readers"), 50),
                positive(given.remove("votes"), 40),
                positive(given.remove("interval"), 500),
                positive(given.remove("handshakes"), 200),
                positive(given.remove("threads"), 2),
                positive(given.remove("stall"), 60),
                positive(given.remove("drain"), 10),
                given.containsKey("pid") ? Long.parseLong(given.remove("pid")) : 0,
                positive(given.remove("clk-tck"), 100));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings: " + given.keySet());
        }
        if (settings.readers() + 1 > settings.clients()) {
            throw new IllegalArgumentException("--clients must hold the voter and the " + settings.readers() + " readers");
        }
        return settings;
    }

    /** The members that neither vote nor read. */
    int silent() {
        return clients - readers - 1;
    }

    /** The server's /metrics, on the same port as /live. */
    URI metrics() {
        return URI.create("http://" + server.getHost() + ":" + server.getPort() + "/metrics");
    }

    private static int positive(String value, int fallback) {
        int n = value == null ? fallback : Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return n;
    }
}
