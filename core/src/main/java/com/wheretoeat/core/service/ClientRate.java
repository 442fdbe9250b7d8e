package com.wheretoeat.core.service;

import com.wheretoeat.core.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per client: up to {@code perMinute} at once, refilled at {@code perMinute} a
 * minute, judged by the core's clock. Memory stays bounded by the clients seen in the last minute:
 * a bucket that has refilled is the same as none, so idle buckets are dropped now and then.
 */
final class ClientRate {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** How many takes pass between sweeps: a sweep visits every bucket, so its cost is spread over as many takes. */
    private static final int SWEEP_EVERY = 1024;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong takes = new AtomicLong();

    /** Tokens as of {@code at}, in millionths of a token so that the refill loses nothing to rounding. */
    private record Bucket(long microTokens, Instant at) {}

    ClientRate(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("The rate must be at least one a minute, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes one token of {@code client}'s bucket; answers false, taking nothing, when it is empty. */
    boolean tryTake(String client) {
        Instant now = clock.now();
        boolean[] taken = new boolean[1];
        buckets.compute(client, (key, bucket) -> {
            long tokens = refilled(bucket, now);
            if (tokens >= 1_000_000) {
                taken[0] = true;
                return new Bucket(tokens - 1_000_000, now);
            }
            return new Bucket(tokens, now);
        });
        if (takes.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        return taken[0];
    }

    /** How many clients are tracked now; for tests of the bound. */
    int tracked() {
        return buckets.size();
    }

    /** Drops the buckets that are full again by {@code now}: forgetting them changes nothing. */
    void sweep(Instant now) {
        buckets.entrySet().removeIf(entry -> !entry.getValue().at().plus(WINDOW).isAfter(now));
    }

    private long refilled(Bucket bucket, Instant now) {
        long capacity = perMinute * 1_000_000L;
        if (bucket == null) {
            return capacity;
        }
        long elapsedMillis = Math.max(0, Duration.between(bucket.at(), now).toMillis());
        // perMinute tokens per 60,000 ms, in millionths: perMinute * 1e6 / 6e4 = perMinute * 50 / 3 a millisecond.
        long gained = elapsedMillis >= WINDOW.toMillis() ? capacity : elapsedMillis * perMinute * 50 / 3;
        return Math.min(capacity, bucket.microTokens() + gained);
    }
}
