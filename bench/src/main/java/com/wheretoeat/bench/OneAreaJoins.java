package com.wheretoeat.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Joins every member of the one area, a bounded number of handshakes at a time, and gives up when no
 * join has completed for the stall time: joining one big area has been quadratic, and a run that
 * stops with how far it got says more than one that hangs.
 */
final class OneAreaJoins {
    private static final long PROGRESS_EVERY = TimeUnit.SECONDS.toNanos(5);

    private final OneAreaSettings settings;
    private final Connector connector;
    private final List<AreaMember> members = new ArrayList<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicLong lastCompletion = new AtomicLong();
    private final AtomicLong lastJoin = new AtomicLong();
    private final AtomicLong lastJoinLatency = new AtomicLong();
    private long start;
    private long nextProgress;

    OneAreaJoins(OneAreaSettings settings, Connector connector) {
        this.settings = settings;
        this.connector = connector;
    }

    /** Every member made, joined or not, in joining order; the voter is the first. */
    List<AreaMember> members() {
        return members;
    }

    /**
     * Connects and joins the members of {@code area} in turn, the voter first and the readers spread
     * evenly among the silent members (so the readers' figures cover early and late joiners); returns
     * whether all joined. Prints the join figures.
     */
    boolean run(AreaTrack area, Figures figures) throws InterruptedException {
        boolean[] reader = readerPositions(settings.clients(), settings.readers());
        Semaphore inFlight = new Semaphore(settings.handshakesInFlight());
        URI server = settings.server();
        start = System.nanoTime();
        lastCompletion.set(start);
        nextProgress = start + PROGRESS_EVERY;
        boolean stalled = false;
        for (int i = 0; i < settings.clients(); i++) {
            AreaMember.Role role = i == 0 ? AreaMember.Role.VOTER : reader[i] ? AreaMember.Role.READER : AreaMember.Role.SILENT;
            AreaMember member = new AreaMember(area, "member-" + i, role, figures);
            boolean permitted = false;
            while (!permitted && !stalled) {
                permitted = inFlight.tryAcquire(1, TimeUnit.SECONDS);
                stalled = stalled();
            }
            if (!permitted) {
                break;
            }
            members.add(member);
            member.joined().whenComplete((ok, error) -> {
                long now = System.nanoTime();
                if (Boolean.TRUE.equals(ok)) {
                    joined.incrementAndGet();
                    lastJoin.accumulateAndGet(now, Math::max);
                    lastJoinLatency.set(member.joinLatencyNanos());
                }
                lastCompletion.accumulateAndGet(now, Math::max);
                completed.incrementAndGet();
                inFlight.release();
            });
            member.connecting(System.nanoTime());
            connector.connect(server, member).addListener(f -> {
                if (!f.isSuccess()) {
                    figures.problem("connect failed: " + f.cause().getClass().getSimpleName());
                    member.joined().complete(false);
                }
            });
        }
        while (!stalled && completed.get() < members.size()) {
            Thread.sleep(100);
            stalled = stalled();
        }
        report(stalled);
        return joined.get() == settings.clients();
    }

    /** Whether no join completed for the stall time; prints progress every few seconds meanwhile. */
    private boolean stalled() {
        long now = System.nanoTime();
        if (now >= nextProgress) {
            nextProgress = now + PROGRESS_EVERY;
            System.out.printf(Locale.ROOT, "  ... %d of %d joined after %.1f s, the last join took %.0f ms%n", joined.get(),
                    settings.clients(), (now - start) / 1e9, lastJoinLatency.get() / 1e6);
        }
        return now - lastCompletion.get() > TimeUnit.SECONDS.toNanos(settings.stallSeconds());
    }

    private void report(boolean stalled) {
        int n = joined.get();
        double seconds = (lastJoin.get() - start) / 1e9;
        System.out.printf(Locale.ROOT, "joined %d of %d clients in %.2f s (first connect to last join ack, %.0f joins/s), %d failed%n",
                n, settings.clients(), n == 0 ? 0 : seconds, n == 0 ? 0 : n / seconds, completed.get() - n);
        if (stalled) {
            System.out.printf(Locale.ROOT, "GAVE UP joining: no join for %d s; %d of %d joined, %d still joining, the last join "
                            + "took %.0f ms%n", settings.stallSeconds(), n, settings.clients(), members.size() - completed.get(),
                    lastJoinLatency.get() / 1e6);
        }
        Histogram micros = new Histogram(3);
        List<Long> ackTimes = new ArrayList<>();
        for (AreaMember member : members) {
            if (member.joinLatencyNanos() > 0) {
                micros.recordValue(member.joinLatencyNanos() / 1_000);
                ackTimes.add(member.joinedAtNanos());
            }
        }
        System.out.printf(Locale.ROOT, "join latency (connect to ack, ms): %s%n", Figures.percentiles(micros, 50, 95));
        System.out.println("joins/s by quarter of the joins (does joining slow down as the area grows?): " + quarters(ackTimes));
    }

    /** The join rate within each quarter of the joins, in order of their acks. */
    private String quarters(List<Long> ackTimes) {
        if (ackTimes.size() < 8) {
            return "too few";
        }
        ackTimes.sort(null);
        StringBuilder out = new StringBuilder();
        long from = start;
        for (int q = 1; q <= 4; q++) {
            int first = (q - 1) * ackTimes.size() / 4;
            int last = q * ackTimes.size() / 4 - 1;
            long to = ackTimes.get(last);
            out.append(q > 1 ? " / " : "").append(String.format(Locale.ROOT, "%.0f", (last - first + 1) / Math.max(1e-9, (to - from) / 1e9)));
            from = to;
        }
        return out.toString();
    }

    /** Which joining positions are readers: {@code readers} of them spread over positions 1 to n - 1. */
    private static boolean[] readerPositions(int n, int readers) {
        boolean[] reader = new boolean[n];
        for (int k = 0; k < readers; k++) {
            reader[1 + (int) ((long) k * (n - 1) / readers)] = true;
        }
        return reader;
    }
}
