package com.wheretoeat.core.service;

import com.wheretoeat.core.AreaFollower;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One follower's gap-free view of an area, for {@link com.wheretoeat.core.WhereToEat#follow}. It
 * listens to the area's events from before it catches up, so nothing falls between the catch-up and
 * the live events; events that arrive while it catches up (or resets) wait and then go out in
 * order, those already covered dropped. A gap, the area starting again (an event numbered 1 after
 * others), or interrupted delivery makes it fetch a fresh snapshot, tried again with backoff until
 * it succeeds, and hand that over as a reset.
 */
final class AreaFeed implements AreaListener {
    private static final System.Logger LOG = System.getLogger(AreaFeed.class.getName());
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final AreaName area;
    private final AreaFollower follower;
    private final Supplier<CompletionStage<AreaSnapshot>> snapshot;
    private final Clock clock;
    private final Scheduler scheduler;

    // All guarded by this; the follower is called while holding it, so its calls never overlap.
    /** The sequence number the follower holds: the last delivered, or covered by a catch-up or reset. */
    private long last;
    /** Events held while catching up or resetting; null while events flow. */
    private List<AreaEvent> waiting = new ArrayList<>();
    private boolean resetting;
    private Duration retry = FIRST_RETRY;
    private Scheduler.Timer retryTimer;
    private boolean closed;

    AreaFeed(AreaName area, AreaFollower follower, Supplier<CompletionStage<AreaSnapshot>> snapshot,
            Clock clock, Scheduler scheduler) {
        this.area = area;
        this.follower = follower;
        this.snapshot = snapshot;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The first catch-up after {@code afterSeq} arrived: hand it over, then what waited. */
    synchronized void caughtUp(long afterSeq, CatchUp missed) {
        if (closed) {
            return;
        }
        if (missed instanceof CatchUp.Replay replay) {
            last = replay.events().isEmpty() ? afterSeq : replay.events().get(replay.events().size() - 1).seq();
        } else {
            last = ((CatchUp.Reset) missed).snapshot().seq();
        }
        call(() -> follower.onCaughtUp(missed));
        release();
    }

    @Override
    public synchronized void onEvent(AreaEvent event) {
        if (closed) {
            return;
        }
        if (waiting != null) {
            waiting.add(event);
            return;
        }
        if (event.seq() == last + 1) {
            last = event.seq();
            call(() -> follower.onEvent(event));
        } else if (event.seq() > last + 1 || (event.seq() == 1 && last >= 1)) {
            reset("a gap after " + last + " (event " + event.seq() + ")");
        }
        // Otherwise it is already covered: a repeat.
    }

    @Override
    public void onResumed() {
        synchronized (this) {
            if (!closed) {
                reset("interrupted delivery");
            }
        }
    }

    synchronized void close() {
        closed = true;
        waiting = null;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
    }

    /**
     * Starts again from a fresh snapshot. What arrived before it is asked for is in it, so only
     * what arrives from now on waits for it.
     */
    private void reset(String why) {
        waiting = new ArrayList<>();
        if (resetting) {
            return;
        }
        resetting = true;
        LOG.log(Level.DEBUG, "Area " + area + ": fetching a fresh snapshot after " + why);
        fetchSnapshot();
    }

    private void fetchSnapshot() {
        snapshot.get().whenComplete((fresh, error) -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (error != null) {
                    LOG.log(Level.INFO, "Area " + area + ": a fresh snapshot failed (" + error.getMessage()
                            + "); trying again in " + retry.toMillis() + " ms");
                    retryTimer = scheduler.schedule(clock.now().plus(retry), this::fetchSnapshot);
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                    return;
                }
                resetting = false;
                retry = FIRST_RETRY;
                last = fresh.seq();
                call(() -> follower.onReset(fresh));
                release();
            }
        });
    }

    /** Hands over what waited, in order; what the catch-up or reset covered is dropped. */
    private void release() {
        List<AreaEvent> held = waiting;
        waiting = null;
        held.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        for (AreaEvent event : held) {
            if (waiting != null) {
                waiting.add(event); // a gap among them started another reset
            } else if (event.seq() > last) {
                onEvent(event);
            }
        }
    }

    private void call(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A follower of area " + area + " failed", e);
        }
    }
}
