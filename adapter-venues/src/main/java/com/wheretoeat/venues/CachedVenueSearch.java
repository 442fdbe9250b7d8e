package com.wheretoeat.venues;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Keeps a provider's answers for a while, so the many searches of a lunch group around one office
 * cost one call. Searches are keyed by the point rounded to 3 decimals (about 100 m), the text
 * case-folded, and the limit; identical searches under way at once share one call; a failure is
 * not kept, so the next search asks again. Lookups by id are kept too.
 */
public final class CachedVenueSearch implements VenueSearch {
    private final VenueSearch delegate;
    private final AsyncCache<Key, Outcome<List<Venue>>> searches;
    private final AsyncCache<VenueId, Outcome<Optional<Venue>>> lookups;

    public CachedVenueSearch(VenueSearch delegate, CacheSettings settings) {
        this(delegate, settings, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    CachedVenueSearch(VenueSearch delegate, CacheSettings settings, Ticker ticker, Executor executor) {
        this.delegate = delegate;
        this.searches = cache(settings, ticker, executor);
        this.lookups = cache(settings, ticker, executor);
    }

    private static <K, V> AsyncCache<K, V> cache(CacheSettings settings, Ticker ticker, Executor executor) {
        return Caffeine.newBuilder().maximumSize(settings.maximumSize()).expireAfterWrite(settings.timeToLive())
                .ticker(ticker).executor(executor).recordStats().buildAsync();
    }

    @Override
    public CompletionStage<List<Venue>> search(VenueQuery query) {
        Key key = Key.of(query);
        VenueQuery asked = new VenueQuery(key.near(), query.text(), query.limit());
        CompletableFuture<List<Venue>> answer = cached(searches, key, () -> delegate.search(asked).thenApply(List::copyOf));
        // The answer was for the rounded point; the caller's own point decides what is nearest.
        return query.near() == null ? answer : answer.thenApply(venues -> nearestFirst(venues, query.near()));
    }

    @Override
    public CompletionStage<Optional<Venue>> lookup(VenueId id) {
        return cached(lookups, id, () -> delegate.lookup(id));
    }

    /** Hits and misses of searches and lookups together, for the app's metrics. */
    public CacheStatistics statistics() {
        CacheStats search = searches.synchronous().stats();
        CacheStats lookup = lookups.synchronous().stats();
        return new CacheStatistics(search.hitCount() + lookup.hitCount(), search.missCount() + lookup.missCount());
    }

    /** How many answers are kept now; for tests of the bound. */
    long estimatedSize() {
        searches.synchronous().cleanUp();
        lookups.synchronous().cleanUp();
        return searches.synchronous().estimatedSize() + lookups.synchronous().estimatedSize();
    }

    /**
     * The kept answer for {@code key}, or a new call shared by all who ask meanwhile. A failure is
     * kept as an outcome, not as a failed future (Caffeine would log each one with its stack trace,
     * and the core already says that live results are unavailable), and removed once it is known.
     */
    private static <K, T> CompletableFuture<T> cached(AsyncCache<K, Outcome<T>> cache, K key,
                                                      Supplier<CompletionStage<T>> call) {
        CompletableFuture<Outcome<T>> outcome = cache.get(key, (k, executor) -> Outcome.of(call));
        return outcome.thenCompose(result -> {
            if (result.failure() != null) {
                cache.asMap().remove(key, outcome);
                return CompletableFuture.failedFuture(result.failure());
            }
            return CompletableFuture.completedFuture(result.value());
        });
    }

    private static List<Venue> nearestFirst(List<Venue> venues, Coordinates point) {
        return venues.stream().sorted(Comparator.comparingDouble(
                v -> v.location() == null ? Double.MAX_VALUE : v.location().metresTo(point))).toList();
    }

    /** A provider's value or its failure. */
    private record Outcome<T>(T value, Throwable failure) {
        static <T> CompletableFuture<Outcome<T>> of(Supplier<CompletionStage<T>> call) {
            try {
                return call.get().toCompletableFuture().handle((value, failure) -> failure == null
                        ? new Outcome<>(value, null) : new Outcome<T>(null, HttpFetcher.unwrap(failure)));
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(new Outcome<>(null, e));
            }
        }
    }

    /** A search as the cache tells searches apart. */
    private record Key(Coordinates near, String text, int limit) {
        static Key of(VenueQuery query) {
            Coordinates near = query.near() == null ? null : new Coordinates(
                    round(query.near().latitude()), round(query.near().longitude()));
            String text = query.text() == null ? null : query.text().strip().toLowerCase(Locale.ROOT);
            return new Key(near, text, query.limit());
        }

        private static double round(double degrees) {
            return Math.round(degrees * 1000) / 1000.0;
        }
    }
}
