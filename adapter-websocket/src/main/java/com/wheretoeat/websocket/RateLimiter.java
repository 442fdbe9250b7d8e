package com.wheretoeat.websocket;

/** A token bucket: {@code burst} messages at once, then {@code perSecond} a second. Used by one connection. */
final class RateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    RateLimiter(int perSecond, int burst) {
        this.perNano = perSecond / (double) NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    /** Takes one token; answers false when there is none left. */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
