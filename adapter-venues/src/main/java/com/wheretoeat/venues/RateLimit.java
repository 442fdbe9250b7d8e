package com.wheretoeat.venues;

import java.util.function.LongSupplier;

/**
 * At most so many calls a second to one provider, with a burst of one second's worth. A call over
 * the rate is refused at once rather than queued: the core then answers from its local catalog,
 * which is better than a group waiting on a queue behind other groups.
 */
public final class RateLimit {
    private final String provider;
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    public RateLimit(String provider, double perSecond) {
        this(provider, perSecond, System::nanoTime);
    }

    RateLimit(String provider, double perSecond, LongSupplier nanoTime) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("The rate of " + provider + " must be a positive number of calls a second.");
        }
        this.provider = provider;
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes a call's share of the rate, or throws a rate-limited {@link ProviderException} when there is none left. */
    public void acquire() {
        if (!tryAcquire()) {
            throw new ProviderException(provider, 0, true,
                    provider + " is asked too often just now; this server holds back to keep to its usage policy.", null);
        }
    }

    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    public double perSecond() {
        return perSecond;
    }
}
