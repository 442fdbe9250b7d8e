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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One follower's gap-free view of an area, for {@link com.wheretoeat.core.WhereToEat#follow}. It
 * listens to the area's events from before it catches up, so nothing falls between the catch-up and
 * the live events; events that arrive while it catches up (or resets) wait and then go out in
 * arrival order, those already covered dropped. A gap, the area starting again (an event numbered
 * 1 after others), or interrupted delivery makes it fetch a fresh snapshot, tried again with
 * backoff and jitter until it succeeds, and hand that over as a reset; a reset asked for while one
 * is on its way fetches again once it arrives, as the first may predate what was lost. A batch of
 * presence that reaches back into what the follower holds is handed over (applying it again changes
 * nothing); one that starts beyond it is a gap.
 *
 * <p>The store is never called while this feed's lock is held: a store may wait for the thread
 * that is delivering this area's events, and that thread may be waiting for this lock.
 */
final class AreaFeed implements AreaListener {
    private static final System.Logger LOG = System.getLogger(AreaFeed.class.getName());
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration LAST_RETRY = Duration.ofSeconds(10);
    /** Events held while catching up or resetting before the feed gives up on them and resets. */
    static final int MAX_WAITING = 10_000;

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
    private boolean caughtUp;
    /** Resets asked for, and the one the snapshot on its way (if any) was asked for by. */
    private long resetsWanted;
    private long resetFetching;
    private boolean fetching;
    /** A fetch failed and its retry waits for its time. */
    private boolean pausing;
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
    void caughtUp(long afterSeq, CatchUp missed) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (missed instanceof CatchUp.Replay replay) {
                last = replay.events().isEmpty() ? afterSeq : replay.events().get(replay.events().size() - 1).seq();
            } else {
                last = ((CatchUp.Reset) missed).snapshot().seq();
            }
            caughtUp = true;
            call(() -> follower.onCaughtUp(missed));
            if (resetsWanted > 0) {
                waiting = new ArrayList<>(); // delivery was interrupted meanwhile: start again from a snapshot
            } else {
                release();
            }
        }
        fetchIfWanted();
    }

    @Override
    public void onEvent(AreaEvent event) {
        synchronized (this) {
            if (closed) {
                return;
            }
            accept(event);
        }
        fetchIfWanted();
    }

    @Override
    public void onResumed() {
        synchronized (this) {
            if (closed) {
                return;
            }
            reset("interrupted delivery");
        }
        fetchIfWanted();
    }

    synchronized void close() {
        closed = true;
        waiting = null;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
    }

    /** Under the lock: delivers the next event, holds it, drops a repeat, or asks for a reset. */
    private void accept(AreaEvent event) {
        if (waiting != null) {
            if (waiting.size() >= MAX_WAITING) {
                reset("more than " + MAX_WAITING + " events waiting");
            } else {
                waiting.add(event);
            }
        } else if (firstCovered(event) <= last + 1 && event.seq() > last) {
            last = event.seq();
            call(() -> follower.onEvent(event));
        } else if (firstCovered(event) > last + 1) {
            reset("a gap after " + last + " (event " + firstCovered(event) + ")");
        } else if (event.seq() == 1 && last >= 1) {
            reset("the area starting again");
        }
        // Otherwise it is covered already: a repeat.
    }

    /** The first sequence number an event covers: a batch of presence covers several. */
    private static long firstCovered(AreaEvent event) {
        return event instanceof AreaEvent.PresenceBatch batch ? batch.from() : event.seq();
    }

    /**
     * Under the lock: starts again from a fresh snapshot. What arrived before it is asked for is in
     * it, so only what arrives from now on waits for it. The fetch itself starts after the lock.
     */
    private void reset(String why) {
        waiting = new ArrayList<>();
        resetsWanted++;
        LOG.log(Level.DEBUG, "Area " + area + ": a fresh snapshot is needed after " + why);
    }

    /** Outside the lock: fetches the snapshot a reset asked for, unless one is on its way or the catch-up is not done. */
    private void fetchIfWanted() {
        long wanted;
        synchronized (this) {
            if (closed || !caughtUp || fetching || pausing || resetFetching == resetsWanted) {
                return;
            }
            fetching = true;
            wanted = resetsWanted;
            resetFetching = wanted;
        }
        snapshot.get().whenComplete((fresh, error) -> {
            synchronized (this) {
                fetching = false;
                if (closed) {
                    return;
                }
                if (error != null) {
                    resetFetching = 0; // wanted again, after a pause
                    Duration pause = retry.multipliedBy(50 + ThreadLocalRandom.current().nextInt(100)).dividedBy(100);
                    LOG.log(Level.INFO, "Area " + area + ": a fresh snapshot failed (" + error.getMessage()
                            + "); trying again in " + pause.toMillis() + " ms");
                    pausing = true;
                    retryTimer = scheduler.schedule(clock.now().plus(pause), this::retryNow);
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                    return;
                }
                retry = FIRST_RETRY;
                if (wanted == resetsWanted) {
                    last = fresh.seq();
                    call(() -> follower.onReset(fresh));
                    release();
                }
                // Otherwise another reset was asked for meanwhile: this snapshot may predate what it lost.
            }
            fetchIfWanted();
        });
    }

    private void retryNow() {
        synchronized (this) {
            pausing = false;
        }
        fetchIfWanted();
    }

    /** Under the lock: hands over what waited, in the order it came; what the catch-up or reset covered is dropped. */
    private void release() {
        List<AreaEvent> held = waiting;
        waiting = null;
        if (held == null) {
            return;
        }
        for (AreaEvent event : held) {
            if (waiting != null) {
                waiting.add(event); // an event among them asked for a reset: the rest waits for it
            } else if (event.seq() > last || (event.seq() == 1 && last >= 1)) {
                accept(event);
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
