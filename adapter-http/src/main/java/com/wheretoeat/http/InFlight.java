package com.wheretoeat.http;

import java.time.Duration;

/**
 * Counts the requests being answered, so a stop can wait for exactly those: the JDK 17 server's
 * own {@code stop(delay)} waits the whole delay even when nothing is in flight.
 */
final class InFlight {
    private int count;

    synchronized void enter() {
        count++;
    }

    synchronized void exit() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no request is in flight or {@code limit} passed; answers whether it is idle. */
    synchronized boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
