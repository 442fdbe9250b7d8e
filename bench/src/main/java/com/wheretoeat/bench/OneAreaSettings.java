package com.wheretoeat.bench;

import java.net.URI;
import java.util.Objects;

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
        Flags given = new Flags(args);
        String server = given.required("server");
        OneAreaSettings settings = new OneAreaSettings(
                URI.create(server.trim()),
                given.positive("clients", 1000),
                given.positive("readers", 50),
                given.positive("votes", 40),
                given.positive("interval", 500),
                given.positive("handshakes", 200),
                given.positive("threads", 2),
                given.positive("stall", 60),
                given.positive("drain", 10),
                Long.parseLong(Objects.requireNonNullElse(given.take("pid"), "0")),
                given.positive("clk-tck", 100));
        given.checkNoneLeft();
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

}
