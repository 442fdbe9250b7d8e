package com.wheretoeat.core.port;

import java.time.Instant;

/**
 * Runs work later, at an instant of the core's {@link Clock}; the core's only source of timers, so
 * tests move time with a clock they control ({@code ManualClock} is one). A task runs once, on a
 * thread of the scheduler's choosing, and must not block it.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once the clock reads {@code at} or later; an instant already past runs it soon. */
    Timer schedule(Instant at, Runnable task);

    /** A scheduled task that has not run yet, or has. */
    @FunctionalInterface
    interface Timer {
        /** Keeps the task from running if it has not started; cancelling twice, or after it ran, is harmless. */
        void cancel();
    }

    /**
     * Timers on one shared daemon thread, judged by {@code clock}: a task that comes due early by the
     * clock (the clock is not the machine's, or the machine's was set back) waits again.
     */
    static Scheduler system(Clock clock) {
        return new SystemScheduler(clock);
    }
}
