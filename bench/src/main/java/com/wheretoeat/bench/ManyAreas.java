package com.wheretoeat.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The many-areas benchmark of issue 10, not a test: {@code areas × members} clients each join their
 * area on a running server, then each votes every {@code interval} seconds with a random phase for a
 * warm-up and a measured window, and the figures of that window are printed. Run by
 * bench/many-areas.sh, which starts the servers and passes their process ids for the CPU figures.
 */
public final class ManyAreas {
    private ManyAreas() {}

    public static void main(String[] args) throws Exception {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + LoadSettings.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new ManyAreas().run(settings) ? 0 : 1);
    }

    private boolean run(LoadSettings settings) throws InterruptedException {
        Figures figures = new Figures();
        List<LiveClient> clients = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%d areas x %d members = %d connections to %s, a vote every %s s each; "
                        + "warm-up %d s, measured %d s; generator: %d event-loop threads, %s%n",
                settings.areas(), settings.members(), settings.clients(), settings.servers(),
                settings.intervalSeconds(), settings.warmupSeconds(), settings.durationSeconds(),
                settings.threads(), Connector.transport());
        try (Connector connector = new Connector(settings.threads())) {
            int joined = joinAll(settings, connector, figures, clients);
            if (joined == 0) {
                System.out.println("no client joined: " + figures.problems());
                return false;
            }
            return vote(settings, figures, clients);
        } finally {
            clients.forEach(LiveClient::close);
        }
    }

    /** Connects and joins every client, a bounded number of handshakes at a time; returns how many joined. */
    private int joinAll(LoadSettings settings, Connector connector, Figures figures, List<LiveClient> clients)
            throws InterruptedException {
        // A prefix of this run, so that a second run against the same servers finds its names free.
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        Semaphore inFlight = new Semaphore(settings.handshakesInFlight());
        CountDownLatch done = new CountDownLatch(settings.clients());
        AtomicLong lastJoin = new AtomicLong();
        List<URI> servers = settings.servers();
        long start = System.nanoTime();
        for (int a = 0; a < settings.areas(); a++) {
            AreaTrack area = new AreaTrack("bench-" + run + "-" + a, figures);
            for (int m = 0; m < settings.members(); m++) {
                LiveClient client = new LiveClient(area, "member-" + m, figures, ThreadLocalRandom.current().nextInt(3));
                clients.add(client);
                inFlight.acquire();
                client.joined().whenComplete((ok, error) -> {
                    lastJoin.accumulateAndGet(System.nanoTime(), Math::max);
                    inFlight.release();
                    done.countDown();
                });
                // Members of one area are spread over the nodes, so events cross between them.
                connector.connect(servers.get(clients.size() % servers.size()), client).addListener(f -> {
                    if (!f.isSuccess()) {
                        figures.problem("connect failed: " + f.cause().getClass().getSimpleName());
                        client.joined().complete(false);
                    }
                });
            }
        }
        boolean all = done.await(Math.max(60, settings.clients() / 50), TimeUnit.SECONDS);
        int joined = (int) clients.stream().filter(c -> c.joined().getNow(false)).count();
        double seconds = (lastJoin.get() - start) / 1e9;
        System.out.printf(Locale.ROOT, "joined %d of %d clients in %.2f s (%.0f joins/s)%s%n", joined,
                settings.clients(), seconds, joined / seconds, all ? "" : ", gave up waiting for the rest");
        return joined;
    }

    /** Runs the warm-up and the measured window, waits for late answers and prints the figures. */
    private boolean vote(LoadSettings settings, Figures figures, List<LiveClient> clients) throws InterruptedException {
        long interval = settings.intervalNanos();
        long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        long measureFrom = begin + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
        long end = measureFrom + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
        for (LiveClient client : clients) {
            if (client.joined().getNow(false)) {
                client.startVoting(begin + ThreadLocalRandom.current().nextLong(interval), interval, measureFrom, end);
            }
        }
        sleepUntil(measureFrom);
        Map<String, Double> cpuBefore = cpu(settings);
        sleepUntil(end);
        Map<String, Double> cpuAfter = cpu(settings);
        double window = settings.durationSeconds();
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
        while (!figures.settled() && System.nanoTime() < drainUntil) {
            Thread.sleep(100);
        }

        long sent = figures.votesSent.sum();
        long expected = figures.expectedEvents.sum();
        long received = figures.receivedEvents.sum();
        System.out.printf(Locale.ROOT, "votes in the window: %d sent (%.0f/s), %d acked, %d refused, %d unanswered%n",
                sent, sent / window, figures.votesAcked.sum(), figures.votesAnswered.sum() - figures.votesAcked.sum(),
                sent - figures.votesAnswered.sum());
        System.out.printf(Locale.ROOT, "vote -> own event     (ms): %s%n", Figures.percentiles(figures.ownEvent, 50, 95, 99));
        System.out.printf(Locale.ROOT, "vote -> last member   (ms): %s%n", Figures.percentiles(figures.lastMember, 50, 95, 99));
        System.out.printf(Locale.ROOT, "events: %d received of %d expected, %d lost (%.0f events/s)%n",
                received, expected, expected - received, received / window);
        System.out.println("problems: " + (figures.problems().isEmpty() ? "none" : figures.problems()));
        cpuBefore.forEach((name, before) -> System.out.printf(Locale.ROOT, "cpu %-10s %5.1f %% of one core%n",
                name, (cpuAfter.get(name) - before) / window * 100));
        return expected == received && sent == figures.votesAcked.sum() && figures.problems().isEmpty();
    }

    /** CPU seconds used so far by each watched process and by this generator. */
    private static Map<String, Double> cpu(LoadSettings settings) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        settings.watched().forEach((name, pid) ->
                seconds.put(name, ProcessCpu.seconds(Long.toString(pid), settings.clockTicksPerSecond())));
        seconds.put("generator", ProcessCpu.seconds("self", settings.clockTicksPerSecond()));
        return seconds;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
