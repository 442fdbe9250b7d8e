package com.wheretoeat.app;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.websocket.WhereToEatClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load benchmark, not a test: {@code clients} WebSocket clients join one area of a running
 * server (or, given several comma-separated URLs, of several nodes, spread evenly) and each votes {@code votes} times at {@code rate} votes a second (moving between places).
 * Prints the acknowledgement latency, the latency from the server's change to its arrival at every
 * other client, and the throughput. Run by bench/live-votes.sh.
 */
public final class VoteLoad {
    private static final String[] PLACES = {"Noodle Bar", "Taco Stand", "Curry House", "Sushi Go"};

    private VoteLoad() {}

    public static void main(String[] args) throws Exception {
        List<URI> servers = Arrays.stream((args.length > 0 ? args[0] : "ws://127.0.0.1:8080/live").split(","))
                .map(URI::create).toList();
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int votes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String area = "load-" + Long.toHexString(System.nanoTime());

        List<WhereToEatClient> people = new ArrayList<>();
        ConcurrentLinkedQueue<Long> fanOutMillis = new ConcurrentLinkedQueue<>();
        int expected = clients * votes * clients;
        CountDownLatch deliveries = new CountDownLatch(expected);
        CountDownLatch acks = new CountDownLatch(clients * votes);
        for (int i = 0; i < clients; i++) {
            WhereToEatClient client = WhereToEatClient.to(servers.get(i % servers.size())).connect().get(10, TimeUnit.SECONDS);
            client.onEvent(event -> {
                if (event instanceof AreaEvent.VoteMoved || event instanceof AreaEvent.VoteCast) {
                    fanOutMillis.add(Duration.between(event.at(), Instant.now()).toMillis());
                    deliveries.countDown();
                }
            });
            client.join(area, "Person " + i).get(10, TimeUnit.SECONDS);
            people.add(client);
        }

        ConcurrentLinkedQueue<Long> ackMicros = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            WhereToEatClient client = people.get(c);
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            AtomicInteger left = new AtomicInteger(votes);
            int offset = c;
            long periodMicros = 1_000_000L / rate;
            pacer.scheduleAtFixedRate(() -> {
                int n = left.getAndDecrement();
                if (n <= 0) {
                    finished.complete(null);
                    return;
                }
                long sent = System.nanoTime();
                client.vote(PLACES[(offset + n) % PLACES.length]).whenComplete((vote, error) -> {
                    if (error == null) {
                        ackMicros.add((System.nanoTime() - sent) / 1_000);
                        acks.countDown();
                    } else {
                        System.err.println("vote failed: " + error.getMessage());
                    }
                });
            }, (periodMicros * c) / clients, periodMicros, TimeUnit.MICROSECONDS);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        acks.await(30, TimeUnit.SECONDS);
        deliveries.await(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        pacer.shutdownNow();
        people.forEach(WhereToEatClient::close);

        System.out.printf(Locale.ROOT, "clients %d, votes each %d at %d/s: %d votes acknowledged in %.1f s (%.0f votes/s)%n",
                clients, votes, rate, ackMicros.size(), seconds, ackMicros.size() / seconds);
        System.out.printf(Locale.ROOT, "ack latency  (ms): %s%n", percentiles(new ArrayList<>(ackMicros), 1000.0));
        System.out.printf(Locale.ROOT, "fan-out      (ms): %s  (%d of %d deliveries, %.0f events/s)%n",
                percentiles(new ArrayList<>(fanOutMillis), 1.0), expected - deliveries.getCount(), expected,
                (expected - deliveries.getCount()) / seconds);
        System.exit(deliveries.getCount() == 0 && acks.getCount() == 0 ? 0 : 1);
    }

    private static String percentiles(List<Long> values, double divisor) {
        if (values.isEmpty()) {
            return "none";
        }
        Collections.sort(values);
        return String.format(Locale.ROOT, "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f",
                at(values, 0.50) / divisor, at(values, 0.95) / divisor, at(values, 0.99) / divisor,
                values.get(values.size() - 1) / divisor);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
