package com.wheretoeat.venues;

/** How often {@link CachedVenueSearch} answered from memory (hits) or asked its provider (misses). */
public record CacheStatistics(long hitCount, long missCount) {
    public long requestCount() {
        return hitCount + missCount;
    }

    /** Hits per request, from 0 to 1; 0 before the first request. */
    public double hitRate() {
        long requests = requestCount();
        return requests == 0 ? 0 : (double) hitCount / requests;
    }
}
