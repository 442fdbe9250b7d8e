package com.wheretoeat.venues;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachedVenueSearchTest {
    private static final Venue TRATTORIA = Venue.listed(VenueId.of("osm:node-1"), "Trattoria Roma")
            .withLocation(new Coordinates(52.5203, 13.4049));
    private final AtomicLong nanos = new AtomicLong();
    private final Provider provider = new Provider();
    private final CacheSettings settings = CacheSettings.builder().maximumSize(100).timeToLive(Duration.ofMinutes(10)).build();
    private final CachedVenueSearch cache = new CachedVenueSearch(provider, settings, nanos::get, Runnable::run);
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aSecondSearchWithinAHundredMetresIsServedFromTheCache() {
        result(cache.search(VenueQuery.near(new Coordinates(52.52001, 13.40502))));
        List<Venue> second = result(cache.search(VenueQuery.near(new Coordinates(52.52004, 13.40498))));

        assertThat(second).containsExactly(TRATTORIA);
        assertThat(provider.asked).hasSize(1);
        assertThat(provider.asked.peek().near()).isEqualTo(new Coordinates(52.520, 13.405));
        assertThat(cache.statistics()).isEqualTo(new CacheStatistics(1, 1));
        assertThat(cache.statistics().hitRate()).isEqualTo(0.5);
    }

    @Test
    void aSearchInTheNextCellOrWithAnotherLimitAsksAgain() {
        result(cache.search(VenueQuery.near(new Coordinates(52.5200, 13.4050))));
        result(cache.search(VenueQuery.near(new Coordinates(52.5210, 13.4050))));
        result(cache.search(new VenueQuery(new Coordinates(52.5200, 13.4050), null, 5)));

        assertThat(provider.asked).hasSize(3);
    }

    @Test
    void textThatDiffersOnlyInCaseAndSpacesIsOneSearch() {
        result(cache.search(VenueQuery.matching("Pizza")));
        result(cache.search(VenueQuery.matching("  PIZZA ")));

        assertThat(provider.asked).hasSize(1);
    }

    @Test
    void aFailureIsNotKeptSoTheNextSearchAsksAgain() {
        provider.failNext = true;
        Throwable first = catchThrowable(() -> result(cache.search(VenueQuery.matching("pizza"))));

        List<Venue> second = result(cache.search(VenueQuery.matching("pizza")));

        assertThat(first).isInstanceOf(UnavailableException.class);
        assertThat(second).containsExactly(TRATTORIA);
        assertThat(provider.asked).hasSize(2);
    }

    @Test
    void identicalSearchesAtTheSameTimeShareOneCall() throws Exception {
        provider.hold = new CompletableFuture<>();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Venue>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return cache.search(VenueQuery.matching("pizza"));
            }, threads).thenCompose(stage -> stage));
        }
        start.countDown();
        com.wheretoeat.core.contract.Await.until(() -> cache.statistics().requestCount() == 8, "all eight searches asked");

        provider.hold.complete(List.of(TRATTORIA));

        for (CompletableFuture<List<Venue>> answer : answers) {
            assertThat(result(answer)).containsExactly(TRATTORIA);
        }
        assertThat(provider.asked).hasSize(1);
    }

    @Test
    void anAnswerIsKeptForItsTimeToLiveOnly() {
        result(cache.search(VenueQuery.matching("pizza")));
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        result(cache.search(VenueQuery.matching("pizza")));
        assertThat(provider.asked).hasSize(1);

        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        result(cache.search(VenueQuery.matching("pizza")));

        assertThat(provider.asked).hasSize(2);
    }

    @Test
    void theCacheHoldsNoMoreThanItsMaximumSize() {
        CachedVenueSearch small = new CachedVenueSearch(provider, settings.mutate().maximumSize(2).build(),
                nanos::get, Runnable::run);

        for (String text : List.of("pizza", "sushi", "ramen", "tacos", "curry")) {
            result(small.search(VenueQuery.matching(text)));
        }

        assertThat(small.estimatedSize()).isEqualTo(2);
    }

    @Test
    void lookupsAreKeptToo() {
        result(cache.lookup(TRATTORIA.id()));
        Optional<Venue> second = result(cache.lookup(TRATTORIA.id()));

        assertThat(second).contains(TRATTORIA);
        assertThat(provider.looked).isEqualTo(1);
    }

    @Test
    void theCallersOwnPointDecidesWhatIsNearestInAKeptAnswer() {
        Venue west = Venue.listed(VenueId.of("osm:node-2"), "West").withLocation(new Coordinates(52.5200, 13.40450));
        Venue east = Venue.listed(VenueId.of("osm:node-3"), "East").withLocation(new Coordinates(52.5200, 13.40550));
        provider.answer = List.of(west, east);

        List<Venue> fromTheEast = result(cache.search(VenueQuery.near(new Coordinates(52.5200, 13.40540))));

        assertThat(fromTheEast).containsExactly(east, west);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A provider that counts what it is asked, and can fail once or hold its answer back. */
    private static final class Provider implements VenueSearch {
        final Queue<VenueQuery> asked = new ConcurrentLinkedQueue<>();
        volatile int looked;
        volatile boolean failNext;
        volatile CompletableFuture<List<Venue>> hold;
        volatile List<Venue> answer = List.of(TRATTORIA);

        @Override
        public CompletionStage<List<Venue>> search(VenueQuery query) {
            asked.add(query);
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new UnavailableException("down", null));
            }
            return hold != null ? hold : CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletionStage<Optional<Venue>> lookup(VenueId id) {
            looked++;
            return CompletableFuture.completedFuture(Optional.of(TRATTORIA));
        }
    }
}
