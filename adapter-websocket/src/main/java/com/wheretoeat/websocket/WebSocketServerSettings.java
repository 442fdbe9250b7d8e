package com.wheretoeat.websocket;

import com.wheretoeat.core.model.TrustedProxies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the live endpoint ({@link LiveEndpoint}) tolerates. Start from {@link #defaults()} or
 * {@link #builder()}; change a copy with {@link #mutate()}. Where it listens is the server's business.
 *
 * <pre>{@code
 * WebSocketServerSettings settings = WebSocketServerSettings.builder()
 *         .allowedOrigins(List.of("https://lunch.example")).maxConnections(5_000).build();
 * }</pre>
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
 * @param maxConnectionsPerAddress how many of them one client address may hold; upgrades beyond are
 *                           refused (429 {@code too-many-connections}), so one address cannot
 *                           shut everyone else out. Generous: an office shares one NAT address
 * @param trustedProxies     the reverse proxies whose {@code X-Forwarded-For} names the client
 *                           (see {@link TrustedProxies}); none by default: the client is the peer
 * @param requestTimeout     how long a request may wait for the ones before it: one that waited
 *                           longer is answered {@code unavailable} without being carried out. With
 *                           the rate it bounds the answers a connection may have pending, so a
 *                           client within its rate is never closed because storage is slow; set it
 *                           to the core's timeout
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
        int maxConnections,
        int maxConnectionsPerAddress,
        TrustedProxies trustedProxies,
        Duration requestTimeout) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_FRAGMENTS = 64;
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 1024 * 1024;
    public static final String DEFAULT_SESSION_COOKIE = "wte_session";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 500;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

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
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("The connection limit per address must be at least 1, was "
                    + maxConnectionsPerAddress);
        }
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("The request timeout must be positive, was " + requestTimeout);
        }
    }

    /**
     * The most answers a client within its rate can have pending: what it may send in three request
     * timeouts (a request waits at most one to start, and the longest, a join, two more: the join,
     * then following the area), plus its burst. A client with more pending is sending faster than
     * its rate and is cut off.
     */
    public int maxPendingAnswers() {
        long inThreeTimeouts = (long) messagesPerSecond * 3 * requestTimeout.toMillis() / 1000;
        return (int) Math.min(Integer.MAX_VALUE, burst + inThreeTimeouts + 1);
    }

    /**
     * Same-host origins, 16 KiB messages in at most 64 frames, 20 messages/s (burst 40), 1 MiB
     * backlog, pings every 30 s, at most 10,000 connections and 500 from one address (no trusted
     * proxies), requests waiting at most 2 s.
     */
    public static WebSocketServerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder mutate() {
        return new Builder().allowedOrigins(allowedOrigins).maxMessageBytes(maxMessageBytes).maxFragments(maxFragments)
                .rateLimit(messagesPerSecond, burst).maxBacklogBytes(maxBacklogBytes).pingInterval(pingInterval)
                .sessionCookie(sessionCookie).maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerAddress)
                .trustedProxies(trustedProxies).requestTimeout(requestTimeout);
    }

    /** Builds {@link WebSocketServerSettings}; every value starts at its default, and is checked by {@link #build()}. */
    public static final class Builder {
        private List<String> allowedOrigins = List.of();
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxFragments = DEFAULT_MAX_FRAGMENTS;
        private int messagesPerSecond = 20;
        private int burst = 40;
        private long maxBacklogBytes = DEFAULT_MAX_BACKLOG_BYTES;
        private Duration pingInterval = Duration.ofSeconds(30);
        private String sessionCookie = DEFAULT_SESSION_COOKIE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {}

        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = origins;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder maxFragments(int fragments) {
            this.maxFragments = fragments;
            return this;
        }

        /** {@code perSecond} messages a second sustained, {@code burst} at once. */
        public Builder rateLimit(int perSecond, int burst) {
            this.messagesPerSecond = perSecond;
            this.burst = burst;
            return this;
        }

        public Builder maxBacklogBytes(long bytes) {
            this.maxBacklogBytes = bytes;
            return this;
        }

        public Builder pingInterval(Duration interval) {
            this.pingInterval = interval;
            return this;
        }

        public Builder sessionCookie(String name) {
            this.sessionCookie = name;
            return this;
        }

        public Builder maxConnections(int limit) {
            this.maxConnections = limit;
            return this;
        }

        public Builder maxConnectionsPerAddress(int limit) {
            this.maxConnectionsPerAddress = limit;
            return this;
        }

        public Builder trustedProxies(TrustedProxies proxies) {
            this.trustedProxies = proxies;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public WebSocketServerSettings build() {
            return new WebSocketServerSettings(allowedOrigins, maxMessageBytes, maxFragments, messagesPerSecond, burst,
                    maxBacklogBytes, pingInterval, sessionCookie, maxConnections, maxConnectionsPerAddress, trustedProxies,
                    requestTimeout);
        }
    }
}
