package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEatBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How the HTTP adapter runs. Start from {@link #defaults()} and change what differs:
 * <ul>
 * <li>{@code port}: where to listen, 0 for any free port (tests); {@code bindAddress} the interface.</li>
 * <li>{@code cookieName} ({@code wte_session}), {@code secureCookies}: mark the session cookie
 *     {@code Secure} (behind HTTPS), and {@code cookieMaxAge} how long a browser keeps it.</li>
 * <li>{@code maxBodyBytes}: larger bodies get 413 (64 KiB).</li>
 * <li>{@code threads}: the fixed pool that serves requests; {@code requestTimeout}: how long a
 *     request may wait for the core (a page makes up to three calls, each bounded by the core's timeout).</li>
 * <li>{@code liveConnections}: reports open live connections for {@code /metrics}, when wired.</li>
 * </ul>
 */
public record HttpSettings(String bindAddress, int port, String cookieName, boolean secureCookies,
        Duration cookieMaxAge, int maxBodyBytes, int threads,
        Duration requestTimeout, Optional<IntSupplier> liveConnections) {

    public static final String DEFAULT_COOKIE = "wte_session";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    public HttpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Ports must be from 1 to 65535 (0 = any free port to listen on)");
        }
        if (cookieName == null || !cookieName.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("The cookie name must be letters, digits, '_' or '-'");
        }
        if (maxBodyBytes < 1 || threads < 1) {
            throw new IllegalArgumentException("The body limit and the number of threads must be positive");
        }
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("The request timeout must be positive, was " + requestTimeout);
        }
        // Max-Age=0 tells a browser to delete the cookie at once: every visit would start a new session.
        if (cookieMaxAge.toSeconds() < 1) {
            throw new IllegalArgumentException("The cookie's max age must be at least a second, was " + cookieMaxAge);
        }
        Objects.requireNonNull(liveConnections, "liveConnections");
    }

    /** Port 8080 on all interfaces, plain-HTTP cookies, 64 KiB bodies. */
    public static HttpSettings defaults() {
        return new HttpSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_COOKIE, false, Duration.ofDays(30),
                DEFAULT_MAX_BODY, 8, WhereToEatBuilder.DEFAULT_TIMEOUT.multipliedBy(3).plusSeconds(1),
                Optional.empty());
    }

    public HttpSettings withBindAddress(String address) {
        return new HttpSettings(address, port, cookieName, secureCookies, cookieMaxAge,
                maxBodyBytes, threads, requestTimeout, liveConnections);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(bindAddress, newPort, cookieName, secureCookies, cookieMaxAge,
                maxBodyBytes, threads, requestTimeout, liveConnections);
    }

    public HttpSettings withCookieName(String name) {
        return new HttpSettings(bindAddress, port, name, secureCookies, cookieMaxAge,
                maxBodyBytes, threads, requestTimeout, liveConnections);
    }

    public HttpSettings withSecureCookies(boolean secure) {
        return new HttpSettings(bindAddress, port, cookieName, secure, cookieMaxAge,
                maxBodyBytes, threads, requestTimeout, liveConnections);
    }

    public HttpSettings withCookieMaxAge(Duration maxAge) {
        return new HttpSettings(bindAddress, port, cookieName, secureCookies, maxAge,
                maxBodyBytes, threads, requestTimeout, liveConnections);
    }

    public HttpSettings withMaxBodyBytes(int limit) {
        return new HttpSettings(bindAddress, port, cookieName, secureCookies, cookieMaxAge,
                limit, threads, requestTimeout, liveConnections);
    }

    public HttpSettings withThreads(int count) {
        return new HttpSettings(bindAddress, port, cookieName, secureCookies, cookieMaxAge,
                maxBodyBytes, count, requestTimeout, liveConnections);
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(bindAddress, port, cookieName, secureCookies, cookieMaxAge,
                maxBodyBytes, threads, timeout, liveConnections);
    }

    /** Wires the live connection count shown on {@code /metrics}, such as the WebSocket server's. */
    public HttpSettings withLiveConnections(IntSupplier count) {
        return new HttpSettings(bindAddress, port, cookieName, secureCookies, cookieMaxAge,
                maxBodyBytes, threads, requestTimeout, Optional.of(count));
    }
}
