package com.wheretoeat.websocket;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.json.CoreJson;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.java_websocket.framing.CloseFrame;

/**
 * Where to Eat's live protocol (docs/protocol.md) over WebSockets: clients join an area, vote and
 * receive the area's events as they happen, from this node or any other sharing the same store.
 * Hardened against hostile clients: message size, rate, outbound backlog, dead peers, origins.
 */
public final class WhereToEatWebSocketServer {
    private final WebSocketEndpoint endpoint;

    public WhereToEatWebSocketServer(WhereToEat app, WebSocketServerSettings settings) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(settings, "settings");
        var mapper = CoreJson.newMapper();
        this.endpoint = new WebSocketEndpoint(app, settings, new Replies(mapper), new RequestReader(mapper));
    }

    /** Binds and starts serving; completes once the port is bound, or fails when it cannot be. */
    public CompletionStage<Void> start() {
        endpoint.start();
        return endpoint.started;
    }

    /** The bound port, useful when the settings asked for port 0. */
    public int port() {
        return endpoint.getPort();
    }

    /** How many clients are connected right now. */
    public int connectionCount() {
        return endpoint.connectionCount();
    }

    /**
     * Closes every connection with 1001 (going away) and stops, waiting at most {@code grace} for
     * the server's threads to finish. Blocks the caller. Members stay: their clients are expected
     * to reconnect to another node and resume, so others should not see them leave and come back.
     */
    public void stop(Duration grace) {
        endpoint.goAway();
        try {
            endpoint.stop((int) Math.max(1, grace.toMillis()), "The server is shutting down.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endpoint.closeFeeds();
        }
    }

    /** The close code sent to every client on {@link #stop(Duration)}. */
    public static final int SHUTDOWN_CLOSE_CODE = CloseFrame.GOING_AWAY;
}
