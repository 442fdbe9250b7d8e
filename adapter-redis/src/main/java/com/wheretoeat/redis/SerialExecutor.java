package com.wheretoeat.redis;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs its tasks one at a time, in the order given, on a shared pool: one per area keeps that
 * area's events in sequence order while different areas are delivered in parallel.
 */
final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        boolean finished = false;
        try {
            while (true) {
                Runnable next;
                synchronized (tasks) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        finished = true;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A serial task failed", e);
                }
            }
        } finally {
            if (!finished) {
                // An Error escaped a task and ends this drain: hand the tasks left to a new one,
                // or this executor would stay "running" with nobody draining it, for good.
                LOG.log(Level.ERROR, "A serial task failed with an error; the next tasks still run");
                restart();
            }
        }
    }

    private void restart() {
        synchronized (tasks) {
            if (tasks.isEmpty()) {
                running = false;
                return;
            }
        }
        pool.execute(this::drain);
    }
}
