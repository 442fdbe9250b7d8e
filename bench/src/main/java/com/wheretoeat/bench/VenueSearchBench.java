package com.wheretoeat.bench;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.CacheSettings;
import com.wheretoeat.venues.CachedVenueSearch;
import com.wheretoeat.venues.osm.OsmSettings;
import com.wheretoeat.venues.osm.OsmVenueSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the venue cache saves: lunch groups around a few offices search for places through the
 * OpenStreetMap provider, against a fake Overpass and Nominatim with a fixed latency, once
 * straight and once through {@link CachedVenueSearch}; prints calls, hit rate and latencies.
 * Members of a group stand within about 30 m of their office, so most of their points round to
 * the same ~100 m cell and some to the next one.
 */
public final class VenueSearchBench {
    /** Not at the centres of ~100 m cells, so some members' points round to a neighbouring cell. */
    private static final double[][] OFFICES = {{52.52048, 13.40497}, {52.49912, 13.40330}, {52.53951, 13.42402},
        {52.50603, 13.30449}};
    private static final String[] TEXTS = {"pizza", "sushi", "ramen", "burger", "coffee shop"};

    private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();

    private VenueSearchBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("latency", "80", "groups", "20", "members", "8",
                "rounds", "5", "seed", "1"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !options.containsKey(arg.substring(2, eq))) {
                System.err.println("usage: VenueSearchBench [--latency=80] [--groups=20] [--members=8] [--rounds=5] [--seed=1]");
                System.exit(2);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        int latency = Integer.parseInt(options.get("latency"));
        int groups = Integer.parseInt(options.get("groups"));
        int members = Integer.parseInt(options.get("members"));
        int rounds = Integer.parseInt(options.get("rounds"));
        long seed = Long.parseLong(options.get("seed"));
        System.out.printf(Locale.ROOT, "venue search: %d groups x %d members x %d rounds around %d offices, "
                + "a near search and half the time a text search each, fake provider latency %d ms%n",
                groups, members, rounds, OFFICES.length, latency);
        try (FakePlaceServer server = new FakePlaceServer(OFFICES, 150, latency, seed)) {
            OsmSettings settings = OsmSettings.builder().overpassUrl(server.uri()).nominatimUrl(server.uri())
                    .contact("https://example.org/bench").timeout(Duration.ofSeconds(5))
                    // The policy limits matter against the real services; here they would only refuse.
                    .overpassPerSecond(1e6).nominatimPerSecond(1e6).build();
            // One run to warm up the JIT and the HTTP client, not counted.
            run(new OsmVenueSearch(settings), server, groups, members, 1, seed + 1, null);
            run(new OsmVenueSearch(settings), server, groups, members, rounds, seed, "without cache");
            CachedVenueSearch cached = new CachedVenueSearch(new OsmVenueSearch(settings), CacheSettings.defaults());
            run(cached, server, groups, members, rounds, seed, "with cache");
            System.out.printf(Locale.ROOT, "cache: %d hits, %d misses, hit rate %.1f%%%n", cached.statistics().hitCount(),
                    cached.statistics().missCount(), cached.statistics().hitRate() * 100);
        }
    }

    private static void run(VenueSearch search, FakePlaceServer server, int groups, int members, int rounds,
                            long seed, String label) throws InterruptedException {
        Histogram micros = new ConcurrentHistogram(3);
        LongAdder failed = new LongAdder();
        long callsBefore = server.requests.sum();
        Random random = new Random(seed);
        ExecutorService threads = Executors.newFixedThreadPool(groups * members);
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            // A round is one lunchtime: every member of every group searches at about the same moment.
            List<CompletableFuture<Void>> searching = new ArrayList<>();
            for (int group = 0; group < groups; group++) {
                double[] office = OFFICES[group % OFFICES.length];
                for (int member = 0; member < members; member++) {
                    Coordinates at = new Coordinates(office[0] + (random.nextDouble() - 0.5) * 0.0006,
                            office[1] + (random.nextDouble() - 0.5) * 0.0006);
                    String text = random.nextBoolean() ? TEXTS[random.nextInt(TEXTS.length)] : null;
                    searching.add(CompletableFuture.runAsync(() -> {
                        timed(search, VenueQuery.near(at), micros, failed);
                        if (text != null) {
                            timed(search, new VenueQuery(at, text, 10), micros, failed);
                        }
                    }, threads));
                }
            }
            CompletableFuture.allOf(searching.toArray(CompletableFuture[]::new)).join();
        }
        long elapsed = System.nanoTime() - start;
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        if (label != null) {
            System.out.printf(Locale.ROOT, "%-14s %5d searches, %5d provider calls, %d failed, %.1f s: %s%n", label,
                    micros.getTotalCount(), server.requests.sum() - callsBefore, failed.sum(), elapsed / 1e9,
                    Figures.percentiles(micros, 50, 99));
        }
        FAILURES.forEach((kind, count) -> System.out.printf(Locale.ROOT, "  failed %d times: %s%n", count, kind));
        FAILURES.clear();
    }

    private static void timed(VenueSearch search, VenueQuery query, Histogram micros, LongAdder failed) {
        long start = System.nanoTime();
        try {
            search.search(query).toCompletableFuture().join();
        } catch (RuntimeException e) {
            failed.increment();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            FAILURES.merge(e.getMessage() + " (" + root + ")", 1, Integer::sum);
        }
        micros.recordValue((System.nanoTime() - start) / 1000);
    }
}
