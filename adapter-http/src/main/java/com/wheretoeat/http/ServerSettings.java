package com.wheretoeat.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The transport limits of {@link WhereToEatServer}, the one Netty server that carries the pages,
 * the API and upgraded connections. Start from {@link #defaults()} or {@link #builder()}; change a
 * copy with {@link #mutate()}.
 *
 * @param firstRequestTimeout how long a connection may take to send the head of a request (the
 *                            line and headers, an upgrade request included) after it opens or after
 *                            its previous answer; a connection that says nothing is closed
 * @param requestReadTimeout  how long a connection may take to send a whole request, body included,
 *                            counted from the same start
 * @param writeTimeout        how long writing one answer may take before the connection is closed
 * @param maxHeaderBytes      the largest request head; a larger one is answered 400 and closed
 * @param eventLoopThreads    the threads carrying bytes; 0 is Netty's default (twice the cores)
 */
public record ServerSettings(Duration firstRequestTimeout, Duration requestReadTimeout, Duration writeTimeout,
        int maxHeaderBytes, int eventLoopThreads) {

    public ServerSettings {
        positive(firstRequestTimeout, "firstRequestTimeout");
        positive(requestReadTimeout, "requestReadTimeout");
        positive(writeTimeout, "writeTimeout");
        if (requestReadTimeout.compareTo(firstRequestTimeout) < 0) {
            throw new IllegalArgumentException("The request read timeout cannot be shorter than the first-request timeout");
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("The request head limit must be at least 1024 bytes, was " + maxHeaderBytes);
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("The number of event loop threads cannot be negative");
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** 5 s for a request head, 10 s for a whole request, 30 s to write an answer, 16 KiB heads, Netty's threads. */
    public static ServerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder mutate() {
        return new Builder().firstRequestTimeout(firstRequestTimeout).requestReadTimeout(requestReadTimeout)
                .writeTimeout(writeTimeout).maxHeaderBytes(maxHeaderBytes).eventLoopThreads(eventLoopThreads);
    }

    /** Builds {@link ServerSettings}; every value starts at its default. */
    public static final class Builder {
        private Duration firstRequestTimeout = Duration.ofSeconds(5);
        private Duration requestReadTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private int maxHeaderBytes = 16 * 1024;
        private int eventLoopThreads;

        private Builder() {}

        public Builder firstRequestTimeout(Duration timeout) {
            this.firstRequestTimeout = timeout;
            return this;
        }

        public Builder requestReadTimeout(Duration timeout) {
            this.requestReadTimeout = timeout;
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = bytes;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = threads;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(firstRequestTimeout, requestReadTimeout, writeTimeout, maxHeaderBytes,
                    eventLoopThreads);
        }
    }
}
