package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.WhereToEatBuilder;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.memory.InMemoryAreaStore;
import com.wheretoeat.core.memory.InMemorySessions;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.memory.ManualClock;
import com.wheretoeat.core.model.SessionId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A server for specs: Where to Eat on in-memory adapters with a clock that stands still and
 * session tokens that are known in advance, behind a WebSocket server on a free port. Events reach
 * the server either at once, before the change's stage completes (the in-memory adapters), or
 * late, after it completed (as with Redis); specs of ordering run on both.
 */
final class LiveArea implements AutoCloseable {
    /** When an area's events reach the server's listeners, relative to the change that made them. */
    enum Delivery {
        /** On the changing thread, before the change's stage completes (the in-memory adapters). */
        AT_ONCE,
        /** On another thread, after the change's stage completed (as with Redis Pub/Sub). */
        LATE
    }

    static final Duration WAIT = Duration.ofSeconds(5);
    /** What every draw that breaks a tie gives: the second of the tied places. */
    static final long DRAW = 1;
    static final Duration CORE_TIMEOUT = Duration.ofMillis(300);
    /** For specs that are not about timeouts, so that a busy machine cannot turn a slow answer into a failure. */
    static final Duration PATIENT_CORE_TIMEOUT = Duration.ofSeconds(30);

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T11:45:00Z"));
    final InMemoryAreaEvents events = new InMemoryAreaEvents();
    final InMemoryAreaStore store = new InMemoryAreaStore(events);
    final InMemorySessions sessions;
    final Delivery delivery;
    private final LateDelivery late;
    final WhereToEat app;
    final LiveServer server;
    private final List<WhereToEatClient> clients = new ArrayList<>();

    LiveArea() {
        this(settings -> settings);
    }

    LiveArea(UnaryOperator<WebSocketServerSettings.Builder> tune) {
        this(Delivery.AT_ONCE, tune);
    }

    LiveArea(Delivery delivery) {
        this(delivery, settings -> settings);
    }

    LiveArea(Delivery delivery, UnaryOperator<WebSocketServerSettings.Builder> tune) {
        this(delivery, CORE_TIMEOUT, tune);
    }

    LiveArea(Delivery delivery, Duration coreTimeout, UnaryOperator<WebSocketServerSettings.Builder> tune) {
        this(delivery, coreTimeout, core -> core, tune);
    }

    LiveArea(Delivery delivery, Duration coreTimeout, UnaryOperator<WhereToEatBuilder> core,
            UnaryOperator<WebSocketServerSettings.Builder> tune) {
        this.delivery = delivery;
        AtomicInteger issued = new AtomicInteger();
        sessions = new InMemorySessions(() -> new SessionId(String.format("session-%016d", issued.incrementAndGet())));
        late = delivery == Delivery.LATE ? new LateDelivery(store, events) : null;
        var builder = WhereToEat.builder();
        if (late == null) {
            builder.areas(store, events);
        } else {
            builder.areas(late.store(), late.events());
        }
        app = core.apply(builder)
                .sessions(sessions)
                .venueSearch(InMemoryVenueCatalog.withExamples())
                .clock(clock)
                .draw(() -> DRAW)
                .timeout(coreTimeout)
                .build();
        server = new LiveServer(new LiveEndpoint(app, tune.apply(WebSocketServerSettings.builder()
                .rateLimit(1000, 1000)).build()));
    }

    /** Holds back the completion of every change (late delivery only); see {@link LateDelivery#pause()}. */
    LateDelivery.Pause pauseCompletions() {
        if (late == null) {
            throw new IllegalStateException("Completions can be held back only with late delivery");
        }
        return late.pause();
    }

    /**
     * Waits until the server counts {@code count} connections; a closed one stops counting once its
     * close is dealt with (its member left or kept). Polls: the server offers nothing to wait on.
     */
    /**
     * Lets the presence grace pass on the core's clock, once the connections that closed are dealt
     * with ({@code connections} are left): a member whose last connection went leaves now.
     */
    void passPresenceGrace(int connections) {
        awaitConnectionCount(connections);
        clock.advance(WhereToEatBuilder.DEFAULT_PRESENCE_GRACE);
    }

    void awaitConnectionCount(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.connectionCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " connections within " + WAIT + " but there are "
                        + server.connectionCount());
            }
            Thread.yield();
        }
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/live");
    }

    /** A connected client without a session of its own yet. */
    /** A client that reports the first answer to each request, retrying nothing, so specs see what the server said. */
    WhereToEatClient connect() {
        return connect(WhereToEatClient.to(uri()).retries(0));
    }

    WhereToEatClient connect(WhereToEatClient.Connector connector) {
        WhereToEatClient client = result(connector.connect(), WAIT);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A connected client that joined {@code area} as {@code name}. */
    WhereToEatClient joined(String area, String name) {
        WhereToEatClient client = connect();
        result(client.join(area, name), WAIT);
        return client;
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(WhereToEatClient::close);
        }
        server.stop(Duration.ofSeconds(2));
        if (late != null) {
            late.close();
        }
    }
}
