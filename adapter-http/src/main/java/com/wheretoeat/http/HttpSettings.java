package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEatBuilder;
import com.wheretoeat.core.model.TrustedProxies;
import com.wheretoeat.core.port.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How the HTTP adapter runs. Start from {@link #defaults()} or {@link #builder()}; change a copy
 * with {@link #mutate()}:
 * <ul>
 * <li>{@code port}: where to listen, 0 for any free port (tests); {@code bindAddress} the interface.</li>
 * <li>{@code cookieName} ({@code wte_session}), {@code secureCookies}: mark the session cookie
 *     {@code Secure} (behind HTTPS), and {@code cookieMaxAge} how long a browser keeps it.</li>
 * <li>{@code maxBodyBytes}: larger bodies get 413 (64 KiB).</li>
 * <li>{@code threads}: the fixed pool that serves requests; {@code requestTimeout}: how long a
 *     request may wait for the core (a page makes up to three calls, each bounded by the core's timeout).</li>
 * <li>{@code liveConnections}: reports open live connections for {@code /metrics}, when wired.</li>
 * <li>{@code trustedProxies}: the reverse proxies whose {@code X-Forwarded-For} names the client, for
 *     the per-client limits (none by default: the client is the peer).</li>
 * <li>{@code mapTileUrl}: the area page's map tiles, a template such as OpenStreetMap's (the default),
 *     empty for a map without tiles; {@code mapAttribution} the credit the tiles require, plain text
 *     with optional links written {@code [text](https://...)}.</li>
 * <li>{@code clock}: what time it is for the pages: the day a form's "at 12:15 (UTC)" falls on, and
 *     "today" and "in 15 min" on the page without script. The machine's clock by default; give it
 *     the core's clock when that is another.</li>
 * </ul>
 */
public record HttpSettings(String bindAddress, int port, String cookieName, boolean secureCookies,
        Duration cookieMaxAge, int maxBodyBytes, int threads,
        Duration requestTimeout, Optional<IntSupplier> liveConnections,
        Optional<String> mapTileUrl, String mapAttribution, TrustedProxies trustedProxies, Clock clock) {

    public static final String DEFAULT_COOKIE = "wte_session";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY = 64 * 1024;
    public static final String DEFAULT_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public static final String DEFAULT_MAP_ATTRIBUTION = "[© OpenStreetMap contributors](https://www.openstreetmap.org/copyright)";

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
        mapTileUrl.ifPresent(MapTiles::origin);
        MapTiles.attribution(mapAttribution);
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(clock, "clock");
    }

    /** The origin the map's tiles come from ({@code https://tile.openstreetmap.org}), for the CSP; empty without tiles. */
    public Optional<String> mapTileOrigin() {
        return mapTileUrl.map(MapTiles::origin);
    }

    /** Port 8080 on all interfaces, plain-HTTP cookies, 64 KiB bodies. */
    public static HttpSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder mutate() {
        Builder builder = new Builder().bindAddress(bindAddress).port(port).cookieName(cookieName)
                .secureCookies(secureCookies).cookieMaxAge(cookieMaxAge).maxBodyBytes(maxBodyBytes).threads(threads)
                .requestTimeout(requestTimeout).mapTileUrl(mapTileUrl.orElse("")).mapAttribution(mapAttribution)
                .trustedProxies(trustedProxies).clock(clock);
        liveConnections.ifPresent(builder::liveConnections);
        return builder;
    }

    /** Builds {@link HttpSettings}; every value starts at its default, and is checked by {@link #build()}. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private String cookieName = DEFAULT_COOKIE;
        private boolean secureCookies;
        private Duration cookieMaxAge = Duration.ofDays(30);
        private int maxBodyBytes = DEFAULT_MAX_BODY;
        private int threads = 8;
        private Duration requestTimeout = WhereToEatBuilder.DEFAULT_TIMEOUT.multipliedBy(3).plusSeconds(1);
        private IntSupplier liveConnections;
        private String mapTileUrl = DEFAULT_MAP_TILE_URL;
        private String mapAttribution = DEFAULT_MAP_ATTRIBUTION;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private Clock clock = Clock.system();

        private Builder() {}

        /** What time it is for the pages (the machine's clock by default); tests pass the core's. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder trustedProxies(TrustedProxies proxies) {
            this.trustedProxies = Objects.requireNonNull(proxies, "proxies");
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder cookieName(String name) {
            this.cookieName = name;
            return this;
        }

        public Builder secureCookies(boolean secure) {
            this.secureCookies = secure;
            return this;
        }

        public Builder cookieMaxAge(Duration maxAge) {
            this.cookieMaxAge = maxAge;
            return this;
        }

        public Builder maxBodyBytes(int limit) {
            this.maxBodyBytes = limit;
            return this;
        }

        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder liveConnections(IntSupplier count) {
            this.liveConnections = Objects.requireNonNull(count, "count");
            return this;
        }

        /** The tiles' URL template ({@code {z}}, {@code {x}}, {@code {y}}); null or empty: a map without tiles. */
        public Builder mapTileUrl(String template) {
            this.mapTileUrl = template == null ? "" : template.strip();
            return this;
        }

        public Builder mapAttribution(String attribution) {
            this.mapAttribution = Objects.requireNonNull(attribution, "attribution").strip();
            return this;
        }

        public HttpSettings build() {
            return new HttpSettings(bindAddress, port, cookieName, secureCookies, cookieMaxAge, maxBodyBytes, threads,
                    requestTimeout, Optional.ofNullable(liveConnections),
                    mapTileUrl.isEmpty() ? Optional.empty() : Optional.of(mapTileUrl), mapAttribution, trustedProxies, clock);
        }
    }
}
