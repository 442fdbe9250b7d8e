package com.wheretoeat.venues;

import java.time.Duration;

/**
 * How much {@link CachedVenueSearch} keeps and for how long: at most {@code maximumSize} answers
 * of each kind (searches, lookups), each for {@code timeToLive} after it arrived.
 */
public record CacheSettings(long maximumSize, Duration timeToLive) {
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;
    /** Places change slowly, but a provider's terms may limit how long its data is kept. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(15);

    public CacheSettings {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("The cache must hold at least one answer.");
        }
        if (timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("The cache's time to live must be positive.");
        }
    }

    public static CacheSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder(DEFAULT_MAXIMUM_SIZE, DEFAULT_TIME_TO_LIVE);
    }

    public Builder mutate() {
        return new Builder(maximumSize, timeToLive);
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private long maximumSize;
        private Duration timeToLive;

        private Builder(long maximumSize, Duration timeToLive) {
            this.maximumSize = maximumSize;
            this.timeToLive = timeToLive;
        }

        public Builder maximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
            return this;
        }

        public Builder timeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
            return this;
        }

        public CacheSettings build() {
            return new CacheSettings(maximumSize, timeToLive);
        }
    }
}
