package com.wheretoeat.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link WhereToEatWebSocketServer} listens and what it tolerates. Start from
 * {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param host               the address to bind, {@code 0.0.0.0} for every interface
 * @param port               the port to bind; {@code 0} picks a free one (tests)
 * @param allowedOrigins     the browser origins allowed to connect, such as {@code https://lunch.example};
 *                           empty means the page's own host only; {@code "*"} allows any origin.
 *                           A handshake without an {@code Origin} header (not a browser) is always allowed
 * @param maxMessageBytes    the largest frame or message a client may send; a bigger one closes the connection with 1009
 * @param messagesPerSecond  the sustained number of messages a connection may send
 * @param burst              how many messages a connection may send at once before the rate applies
 * @param maxBacklogBytes    how much unsent data a connection may hold before it is closed as too slow
 * @param pingInterval       how often idle connections are pinged; one that does not answer within
 *                           1.5 intervals is closed and its member leaves
 * @param sessionCookie      the name of the session cookie the HTTP side sets
 * @param maxConnections     how many connections the server holds at once; handshakes beyond are
 *                           refused before the upgrade, so a flood cannot exhaust memory or sockets
 */
public record WebSocketServerSettings(
        String host,
        int port,
        List<String> allowedOrigins,
        int maxMessageBytes,
        int messagesPerSecond,
        int burst,
        long maxBacklogBytes,
        Duration pingInterval,
        String sessionCookie,
        int maxConnections) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024;
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 1024 * 1024;
    public static final String DEFAULT_SESSION_COOKIE = "wte_session";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public WebSocketServerSettings {
        Objects.requireNonNull(host, "host");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(sessionCookie, "sessionCookie");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The port must be from 0 to 65535, was " + port);
        }
        if (maxMessageBytes < 256) {
            throw new IllegalArgumentException("The maximum message size must be at least 256 bytes, was " + maxMessageBytes);
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
     * Port 8081 on every interface, same-host origins, 16 KiB messages, 20 messages/s (burst 40),
     * 1 MiB backlog, pings every 30 s, at most 10,000 connections.
     */
    public static WebSocketServerSettings defaults() {
        return new WebSocketServerSettings("0.0.0.0", 8081, List.of(), DEFAULT_MAX_MESSAGE_BYTES, 20, 40,
                DEFAULT_MAX_BACKLOG_BYTES, Duration.ofSeconds(30), DEFAULT_SESSION_COOKIE, DEFAULT_MAX_CONNECTIONS);
    }

    public WebSocketServerSettings withHost(String newHost) {
        return new WebSocketServerSettings(newHost, port, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withPort(int newPort) {
        return new WebSocketServerSettings(host, newPort, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withAllowedOrigins(List<String> origins) {
        return new WebSocketServerSettings(host, port, origins, maxMessageBytes, messagesPerSecond, burst,
                maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withMaxMessageBytes(int bytes) {
        return new WebSocketServerSettings(host, port, allowedOrigins, bytes, messagesPerSecond, burst,
                maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withRateLimit(int perSecond, int newBurst) {
        return new WebSocketServerSettings(host, port, allowedOrigins, maxMessageBytes, perSecond, newBurst,
                maxBacklogBytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withMaxBacklogBytes(long bytes) {
        return new WebSocketServerSettings(host, port, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                bytes, pingInterval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withPingInterval(Duration interval) {
        return new WebSocketServerSettings(host, port, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                maxBacklogBytes, interval, sessionCookie, maxConnections);
    }

    public WebSocketServerSettings withSessionCookie(String name) {
        return new WebSocketServerSettings(host, port, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                maxBacklogBytes, pingInterval, name, maxConnections);
    }

    public WebSocketServerSettings withMaxConnections(int limit) {
        return new WebSocketServerSettings(host, port, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                maxBacklogBytes, pingInterval, sessionCookie, limit);
    }
}
