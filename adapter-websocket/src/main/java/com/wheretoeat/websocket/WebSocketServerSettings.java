package com.wheretoeat.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the live endpoint ({@link LiveEndpoint}) tolerates. Start from {@link #defaults()} and
 * change what you need with the {@code with...} methods. Where it listens is the server's business.
 *
 * @param allowedOrigins     the browser origins allowed to connect, such as {@code https://lunch.example};
 *                           empty means the page's own host only; {@code "*"} allows any origin.
 *                           A handshake without an {@code Origin} header (not a browser) is always allowed
 * @param maxMessageBytes    the largest frame or message a client may send; a bigger one closes the connection with 1009
 * @param maxFragments       the most frames one message may come in; more close the connection with 1009,
 *                           so that endless empty continuations cannot cost anything
 * @param messagesPerSecond  the sustained number of messages a connection may send
 * @param burst              how many messages a connection may send at once before the rate applies
 * @param maxBacklogBytes    how much unsent data a connection may hold before it is closed as too slow
 *                           (the high water mark of its write buffer)
 * @param pingInterval       how often connections are pinged; one that does not answer within
 *                           1.5 intervals is closed and its member leaves
 * @param sessionCookie      the name of the session cookie the HTTP side sets
 * @param maxConnections     how many connections the endpoint holds at once; upgrades beyond are
 *                           refused (503), so a flood cannot exhaust memory or sockets
 */
public record WebSocketServerSettings(
        List<String> allowedOrigins,
        int maxMessageBytes,
        int maxFragments,
        int messagesPerSecond,
        int burst,
        long maxBacklogBytes,
        Duration pingInterval,
        String sessionCookie,
        int maxConnections) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_FRAGMENTS = 64;
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 1024 * 1024;
    public static final String DEFAULT_SESSION_COOKIE = "wte_session";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public WebSocketServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(sessionCookie, "sessionCookie");
        if (maxMessageBytes < 256) {
            throw new IllegalArgumentException("The maximum message size must be at least 256 bytes, was " + maxMessageBytes);
        }
        if (maxFragments < 1) {
            throw new IllegalArgumentException("A message must be allowed at least one frame, was " + maxFragments);
        }
        if (messagesPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("The rate and the burst must be positive");
        }
        if (maxBacklogBytes < 1024) {
            throw new IllegalArgumentException("The backlog limit must be at least 1024 bytes, was " + maxBacklogBytes);
        }
        if (pingInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("The ping interval must be at least one second, was " + pingInterval);
        }
        if (sessionCookie.isBlank()) {
            throw new IllegalArgumentException("The session cookie needs a name");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("The connection limit must be at least 1, was " + maxConnections);
        }
    }

    /**
     * Same-host origins, 16 KiB messages in at most 64 frames, 20 messages/s (burst 40), 1 MiB
     * backlog, pings every 30 s, at most 10,000 connections.
     */
    public static WebSocketServerSettings defaults() {
        return new WebSocketServerSettings(List.of(), DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_FRAGMENTS, 20, 40,
                DEFAULT_MAX_BACKLOG_BYTES, Duration.ofSeconds(30), DEFAULT_SESSION_COOKIE, DEFAULT_MAX_CONNECTIONS);
    }

    public WebSocketServerSettings withAllowedOrigins(List<String> origins) {
        return new WebSocketServerSettings(origins, maxMessageBytes, maxFragments, messagesPerSecond, burst, maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withMaxMessageBytes(int bytes) {
        return new WebSocketServerSettings(allowedOrigins, bytes, maxFragments, messagesPerSecond, burst, maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withMaxFragments(int fragments) {
        return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, fragments, messagesPerSecond, burst, maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withRateLimit(int perSecond, int newBurst) {
        return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, maxFragments, perSecond, newBurst, maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withMaxBacklogBytes(long bytes) {
        return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, maxFragments, messagesPerSecond, burst, bytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withPingInterval(Duration interval) {
        return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, maxFragments, messagesPerSecond, burst, maxBacklogBytes, interval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withSessionCookie(String name) {
        return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, maxFragments, messagesPerSecond, burst, maxBacklogBytes, pingInterval, name, maxConnections);
    }

    public WebSocketServerSettings withMaxConnections(int limit) {
        return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, maxFragments, messagesPerSecond, burst, maxBacklogBytes, pingInterval, sessionCookie, limit);
    }
}
