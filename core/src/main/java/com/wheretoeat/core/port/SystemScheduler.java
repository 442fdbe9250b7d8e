package com.wheretoeat.core.port;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler#system(Clock)}: one daemon thread for the whole JVM, however many cores are built. */
final class SystemScheduler implements Scheduler {
    private static final System.Logger LOG = System.getLogger(SystemScheduler.class.getName());

    /** Made on first use, so a program that never schedules never starts the thread. */
    private static final class Shared {
        static final ScheduledThreadPoolExecutor THREAD = start();

        private static ScheduledThreadPoolExecutor start() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "wte-timers");
                thread.setDaemon(true);
                return thread;
            });
            // Cancelled timers are dropped at once: an area followed for days must not pile them up.
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    private final Clock clock;

    SystemScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Timer schedule(Instant at, Runnable task) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(task, "task");
        Pending pending = new Pending(at, task);
        pending.arm();
        return pending;
    }

    private final class Pending implements Timer, Runnable {
        private final Instant at;
        private final Runnable task;
        private volatile boolean cancelled;
        private volatile Future<?> armed;

        Pending(Instant at, Runnable task) {
            this.at = at;
            this.task = task;
        }

        void arm() {
            long delay = Math.max(0, Duration.between(clock.now(), at).toMillis());
            armed = Shared.THREAD.schedule(this, delay, TimeUnit.MILLISECONDS);
            if (cancelled) {
                armed.cancel(false);
            }
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            if (clock.now().isBefore(at)) {
                arm();
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // The thread is shared by every timer: one failing task must not stop the others.
                LOG.log(Level.WARNING, "A scheduled task failed", e);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Future<?> current = armed;
            if (current != null) {
                current.cancel(false);
            }
        }
    }
}
