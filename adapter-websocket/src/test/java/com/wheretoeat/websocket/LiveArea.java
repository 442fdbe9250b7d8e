package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;

import com.wheretoeat.core.WhereToEat;
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
 * session tokens that are known in advance, behind a WebSocket server on a free port.
 */
final class LiveArea implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration CORE_TIMEOUT = Duration.ofMillis(300);

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T11:45:00Z"));
    final InMemoryAreaEvents events = new InMemoryAreaEvents();
    final InMemoryAreaStore store = new InMemoryAreaStore(events);
    final InMemorySessions sessions;
    final WhereToEat app;
    final WhereToEatWebSocketServer server;
    private final List<WhereToEatClient> clients = new ArrayList<>();

    LiveArea() {
        this(settings -> settings);
    }

    LiveArea(UnaryOperator<WebSocketServerSettings> tune) {
        AtomicInteger issued = new AtomicInteger();
        sessions = new InMemorySessions(() -> new SessionId(String.format("session-%016d", issued.incrementAndGet())));
        app = WhereToEat.builder()
                .areas(store, events)
                .sessions(sessions)
                .venueSearch(InMemoryVenueCatalog.withExamples())
                .clock(clock)
                .timeout(CORE_TIMEOUT)
                .build();
        server = new WhereToEatWebSocketServer(app, tune.apply(WebSocketServerSettings.defaults()
                .withHost("127.0.0.1").withPort(0).withRateLimit(1000, 1000)));
        result(server.start(), WAIT);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/live");
    }

    /** A connected client without a session of its own yet. */
    WhereToEatClient connect() {
        return connect(WhereToEatClient.to(uri()));
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
    }
}
