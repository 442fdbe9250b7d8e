package com.wheretoeat.core.memory;

import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A clock that moves only when told to, for tests of expiry; also the scheduler of its own time.
 * Moving it forward passes through the instants of the tasks that come due, in order, and runs
 * each with the clock reading its instant, on the thread that moved it, before {@link #advance}
 * returns; so advancing by hours acts as the hours passing would. A task that is due when
 * scheduled waits for the next move ({@code advance(Duration.ZERO)} will do), so scheduling never
 * runs work inside the caller. Thread-safe.
 */
public final class ManualClock implements Clock, Scheduler {
    private volatile Instant now;
    private final List<Task> tasks = new ArrayList<>();
    private long scheduled;

    private static final class Task implements Timer {
        final Instant at;
        final long order;
        final Runnable work;
        volatile boolean cancelled;

        Task(Instant at, long order, Runnable work) {
            this.at = at;
            this.order = order;
            this.work = work;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Moves the clock on by {@code by}, running every task that comes due on the way. */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        moveTo(target);
    }

    /** Sets the clock to {@code instant} (back is allowed), running every task that comes due on the way. */
    public void set(Instant instant) {
        moveTo(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public synchronized Timer schedule(Instant at, Runnable task) {
        Task scheduledTask = new Task(Objects.requireNonNull(at, "at"), scheduled++, Objects.requireNonNull(task, "task"));
        tasks.add(scheduledTask);
        return scheduledTask;
    }

    /** How many tasks wait for their time, for tests that check nothing is left behind. */
    public synchronized int pendingTasks() {
        tasks.removeIf(task -> task.cancelled);
        return tasks.size();
    }

    /** Tasks run outside the lock: they may schedule more, which run in this same move when due. */
    private void moveTo(Instant target) {
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(task -> task.cancelled);
                next = tasks.stream()
                        .filter(task -> !task.at.isAfter(target))
                        .min(Comparator.comparing((Task task) -> task.at).thenComparingLong(task -> task.order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            if (!next.cancelled) {
                next.work.run();
            }
        }
    }
}
