package com.wheretoeat.app;

import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.TrustedProxies;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the app is configured with, read from the environment by {@link #fromEnvironment}.
 * Optional parts are empty when their variable is unset.
 */
public record Settings(
        int httpPort,
        String host,
        Optional<URI> redisUrl,
        Duration redisTimeout,
        List<String> allowedOrigins,
        Lifetimes lifetimes,
        MapTiles mapTiles,
        boolean cookieSecure,
        Optional<Path> venueCatalog,
        VenueSettings venues,
        Limits limits,
        String logLevel) {

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Reads and checks every variable; the first invalid one stops with a {@link ConfigException}. */
    public static Settings fromEnvironment(Map<String, String> environment) {
        return new EnvironmentReader(environment).read();
    }

    /**
     * The area page's map: the tiles' URL template (empty: a map without tiles) and the credit they
     * require ({@code MAP_TILE_URL}, {@code MAP_ATTRIBUTION}).
     */
    public record MapTiles(Optional<String> tileUrl, String attribution) {}

    /**
     * The limits per node and per client: live connections in all ({@code MAX_CONNECTIONS}, empty:
     * from the file-descriptor limit) and per address, new sessions per address a minute, and the
     * proxies trusted to name the client.
     */
    public record Limits(OptionalInt maxConnections, int maxConnectionsPerAddress, int sessionsPerAddressPerMinute,
            TrustedProxies trustedProxies) {}

    /** Whether the app keeps its state in Redis (and so may run as many nodes). */
    public boolean redisMode() {
        return redisUrl.isPresent();
    }
}
