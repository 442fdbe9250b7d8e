package com.wheretoeat.core.service;

import com.wheretoeat.core.Presence;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@link Presence} on this node: connections counted per session and area, a leave scheduled a
 * grace period after the last one went, called off when one comes back. With several nodes a
 * node only sees its own connections, so the leave is the store's {@code leaveIfIdle}: in the
 * same atomic step, it leaves only a member not active since the last connection here went (a
 * reconnect to any node joins again, which counts as activity).
 */
final class GracefulPresence implements Presence {
    private static final System.Logger LOG = System.getLogger(GracefulPresence.class.getName());

    private final LeaveIfIdle leaveIfIdle;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration grace;
    /** Guarded by this. */
    private final Map<Key, Seat> seats = new HashMap<>();
    private boolean stopping;

    private record Key(SessionId session, AreaName area) {}

    /** A session's connections in an area here, and the leave waiting for the grace to pass. */
    private static final class Seat {
        int connections;
        Scheduler.Timer leave;
    }

    GracefulPresence(LeaveIfIdle leaveIfIdle, Clock clock, Scheduler scheduler, Duration grace) {
        this.leaveIfIdle = leaveIfIdle;
        this.clock = clock;
        this.scheduler = scheduler;
        this.grace = grace;
    }

    @Override
    public synchronized void attached(SessionId session, AreaName area) {
        Seat seat = seats.computeIfAbsent(new Key(session, area), key -> new Seat());
        seat.connections++;
        if (seat.leave != null) {
            seat.leave.cancel();
            seat.leave = null;
        }
    }

    @Override
    public synchronized void detached(SessionId session, AreaName area) {
        Key key = new Key(session, area);
        Seat seat = seats.get(key);
        if (seat == null || seat.connections == 0) {
            return;
        }
        if (--seat.connections > 0 || stopping) {
            if (seat.connections == 0) {
                seats.remove(key);
            }
            return;
        }
        Instant wentAt = clock.now();
        seat.leave = scheduler.schedule(wentAt.plus(grace), () -> leaveUnlessBack(key, seat, wentAt));
    }

    @Override
    public synchronized void stopping() {
        stopping = true;
        seats.values().forEach(seat -> {
            if (seat.leave != null) {
                seat.leave.cancel();
            }
        });
        seats.clear();
    }

    private void leaveUnlessBack(Key key, Seat seat, Instant wentAt) {
        synchronized (this) {
            if (stopping || seat.connections > 0 || seats.get(key) != seat) {
                return;
            }
            seats.remove(key);
        }
        leaveIfIdle.leave(key.session(), key.area(), wentAt).whenComplete((left, error) -> {
            if (error != null) {
                LOG.log(Level.INFO, "Could not let a member whose connections went leave " + key.area()
                        + ": " + error.getMessage());
            }
        });
    }

    /** Leaves the area for the session unless its member was active after {@code since}, in one store step. */
    @FunctionalInterface
    interface LeaveIfIdle {
        CompletionStage<?> leave(SessionId session, AreaName area, Instant since);
    }
}
