package com.wheretoeat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one-area fan-out and capacity benchmark, not a test: N clients join one area on a running
 * server, the voter votes V times while R readers time the events and the rest do not read, and the
 * join, fan-out, CPU and memory figures are printed. Run by bench/one-area.sh, which starts the server
 * and passes its process id.
 */
public final class OneArea {
    // A join's ack holds a page of 100 members now; a server from before issue 12 sent the whole
    // area (about 110 bytes a member): room for far more than 20,000, so old and new compare.
    private static final int MAX_MESSAGE_BYTES = 64 << 20;
    private static final int WARM_UP_MEMBERS = 20;

    private final OneAreaSettings settings;
    private final ServerProbe server;
    private final Figures figures = new Figures();

    private OneArea(OneAreaSettings settings) {
        this.settings = settings;
        this.server = new ServerProbe(settings.serverPid(), settings.clockTicksPerSecond(), settings.metrics());
    }

    public static void main(String[] args) throws Exception {
        OneAreaSettings settings;
        try {
            settings = OneAreaSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + OneAreaSettings.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new OneArea(settings).run() ? 0 : 1);
    }

    private boolean run() throws InterruptedException {
        System.out.printf(Locale.ROOT, "one area, %d clients on %s: 1 voter, %d readers, %d not reading after their join; "
                        + "%d votes, one every %d ms; %d handshakes in flight; generator: %d event-loop threads, %s%n",
                settings.clients(), settings.server(), settings.readers(), settings.silent(), settings.votes(),
                settings.intervalMillis(), settings.handshakesInFlight(), settings.threads(), Connector.transport());
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        AreaTrack area = new AreaTrack("one-" + run, figures);
        OneAreaJoins joins;
        try (Connector connector = new Connector(settings.threads(), MAX_MESSAGE_BYTES)) {
            warmUp(connector, "warm-" + run);
            // The live set before the members connect, so that the live set with them gives a cost
            // per connection.
            long heapBefore = server.heapAfterFullGcKiB();
            System.out.printf(Locale.ROOT, "server before connecting: heap after full GC %s, RSS %s, live connections %d%n",
                    mib(heapBefore), rss(), server.liveConnections());
            joins = new OneAreaJoins(settings, connector);
            try {
                double cpu = server.cpuSeconds();
                double self = ProcessCpu.seconds("self", settings.clockTicksPerSecond());
                long begin = System.nanoTime();
                boolean all = joins.run(area, figures);
                cpu(begin, cpu, self, "during the joins");
                int silentLost = silentLost(joins.members());
                System.out.printf(Locale.ROOT, "after the joins the server holds %d connections (ss, established); "
                        + "closes the generator noticed: %d of %d not reading%n", server.established(), silentLost, settings.silent());
                // Non-readers the server closed as too slow are a finding, not a reason to stop: the
                // fan-out is measured as long as the voter and every reader joined.
                boolean measurable = joins.members().stream().filter(m -> m.role() != AreaMember.Role.SILENT)
                        .allMatch(m -> m.joined().getNow(false));
                if (!all) {
                    System.out.println("problems: " + problems());
                }
                if (!measurable) {
                    return false;
                }
                capacity(heapBefore);
                return vote(joins.members(), silentLost);
            } finally {
                joins.members().forEach(AreaMember::close);
            }
        }
    }

    /**
     * A few members join another area and leave, so that the baseline heap already holds what the
     * first connection loads once (classes' caches, pools); without it that would count per
     * connection (about 1 MiB in all, by runs of 200 and 1,000 clients). Their sessions stay.
     */
    private void warmUp(Connector connector, String areaName) throws InterruptedException {
        Figures ignored = new Figures();
        AreaTrack warm = new AreaTrack(areaName, ignored);
        List<AreaMember> members = new ArrayList<>();
        for (int i = 0; i < WARM_UP_MEMBERS; i++) {
            AreaMember member = new AreaMember(warm, "warm-" + i, AreaMember.Role.READER, ignored);
            members.add(member);
            connector.connect(settings.server(), member);
        }
        long joined = 0;
        try {
            CompletableFuture.allOf(members.stream().map(AreaMember::joined).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
            joined = members.stream().filter(m -> m.joined().getNow(false)).count();
        } catch (ExecutionException | TimeoutException e) {
            // counted below
        } finally {
            members.forEach(AreaMember::close);
        }
        // The server counts a closed connection until its member has left (10 s of grace): wait for
        // that, so the counts below are the members' alone.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.liveConnections() > 0 && System.nanoTime() < until) {
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "warm-up: %d of %d members joined another area and left%n", joined, WARM_UP_MEMBERS);
    }

    /** The heap and memory with every connection open and idle: now, and after a full GC. */
    private void capacity(long heapBefore) {
        System.out.printf(Locale.ROOT, "server after the joins: heap now %s, RSS %s, live connections %d (its /metrics)%n",
                mib(server.heapUsedKiB()), rss(), server.liveConnections());
        System.out.println("kernel queues after the joins: " + server.kernelQueues());
        long heapAfter = server.heapAfterFullGcKiB();
        System.out.printf(Locale.ROOT, "server heap after full GC: %s with %d connections, %s with none: %s per connection%n",
                mib(heapAfter), settings.clients(), mib(heapBefore),
                heapAfter < 0 || heapBefore < 0 ? "n/a"
                        : String.format(Locale.ROOT, "%.2f KiB", (heapAfter - heapBefore) / (double) settings.clients()));
    }

    /** The voter votes; waits for every reader's event or the drain time, and prints the fan-out figures. */
    private boolean vote(List<AreaMember> members, int silentLostBefore) throws InterruptedException {
        // Let the full GC's aftermath pass before timing anything.
        Thread.sleep(1_000);
        double cpu = server.cpuSeconds();
        double self = ProcessCpu.seconds("self", settings.clockTicksPerSecond());
        long begin = System.nanoTime();
        members.get(0).startVoting(settings.votes(), TimeUnit.MILLISECONDS.toNanos(settings.intervalMillis()));
        Thread.sleep((long) settings.votes() * settings.intervalMillis());
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
        while ((figures.votesSent.sum() < settings.votes() || !figures.settled()) && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        cpu(begin, cpu, self, "during the votes");

        long sent = figures.votesSent.sum();
        long expected = figures.expectedEvents.sum();
        long received = figures.receivedEvents.sum();
        System.out.printf(Locale.ROOT, "votes: %d sent, %d acked, %d refused, %d unanswered%n", sent,
                figures.votesAcked.sum(), figures.votesAnswered.sum() - figures.votesAcked.sum(), sent - figures.votesAnswered.sum());
        System.out.printf(Locale.ROOT, "FAN-OUT vote -> last of %d readers (ms): %s%n", settings.readers(),
                Figures.percentiles(figures.lastMember, 50, 95));
        System.out.printf(Locale.ROOT, "vote -> voter's own event (ms): %s%n", Figures.percentiles(figures.ownEvent, 50, 95));
        System.out.printf(Locale.ROOT, "reader events: %d received of %d expected, %d lost%n", received, expected, expected - received);
        int silentLost = silentLost(members);
        System.out.printf(Locale.ROOT, "at the end the server holds %d of %d connections (ss, established), its /metrics "
                        + "counts %d (a closed one until its member left); closes the generator noticed: %d during the votes, "
                        + "%d in all, of %d not reading%n", server.established(), settings.clients(), server.liveConnections(),
                silentLost - silentLostBefore, silentLost, settings.silent());
        System.out.printf(Locale.ROOT, "server at the end: heap now %s, RSS %s%n", mib(server.heapUsedKiB()), rss());
        System.out.println("kernel queues at the end: " + server.kernelQueues());
        System.out.println("problems: " + problems());
        return sent == settings.votes() && figures.votesAcked.sum() == sent && expected == received
                && expected == (long) sent * settings.readers() && figures.problems().isEmpty();
    }

    private void cpu(long beginNanos, double serverBefore, double selfBefore, String when) {
        double seconds = (System.nanoTime() - beginNanos) / 1e9;
        double self = ProcessCpu.seconds("self", settings.clockTicksPerSecond());
        double cpu = server.cpuSeconds();
        System.out.printf(Locale.ROOT, "cpu %s (%.1f s): server %s, generator %.0f %% of one core%n", when, seconds,
                cpu < 0 || serverBefore < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f %%", (cpu - serverBefore) / seconds * 100),
                (self - selfBefore) / seconds * 100);
    }

    /**
     * How many silent members' connections ended without this benchmark closing them, as far as the
     * generator knows: it stops reading them, so it may not see the server's close (ss does).
     */
    private static int silentLost(List<AreaMember> members) {
        return (int) members.stream().filter(m -> m.role() == AreaMember.Role.SILENT && m.lost()).count();
    }

    private String problems() {
        return figures.problems().isEmpty() ? "none" : figures.problems().toString();
    }

    private String rss() {
        long rss = server.rssMiB();
        return rss < 0 ? "n/a" : rss + " MiB";
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }
}
