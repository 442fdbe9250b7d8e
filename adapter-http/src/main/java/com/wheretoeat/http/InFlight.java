package com.wheretoeat.http;

import java.time.Duration;

/**
 * Lets requests in and counts those being answered, so a stop can wait for exactly the requests it
 * lets finish. Letting in and counting are one step under one lock: a request counted here is one
 * the web app will answer, never one a stop then turns away.
 */
final class InFlight {
    private int count;
    private boolean closed;

    /** Counts a request in, unless a stop has begun; answers whether it was let in. */
    synchronized boolean tryEnter() {
        if (closed) {
            return false;
        }
        count++;
        return true;
    }

    /** From now on requests are turned away; those already in are still counted until they exit. */
    synchronized void close() {
        closed = true;
    }

    /** Lets requests in again, for a server that starts anew. */
    synchronized void open() {
        closed = false;
    }

    synchronized boolean isClosed() {
        return closed;
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
