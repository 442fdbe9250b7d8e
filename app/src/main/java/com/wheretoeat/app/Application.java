package com.wheretoeat.app;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.http.HttpSettings;
import com.wheretoeat.http.ServerSettings;
import com.wheretoeat.http.WhereToEatServer;
import com.wheretoeat.websocket.WebSocketServerSettings;
import com.wheretoeat.websocket.LiveEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Where to Eat: storage, the core, and one server carrying the pages, the API and the
 * live endpoint ({@code /live}) on one port; started in that order and stopped in the reverse one.
 */
public final class Application implements AutoCloseable {
    /** How long requests in flight may take to finish when the app stops. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** Behind TLS the cookie gets the __Host- prefix: only this host over HTTPS may set it. */
    static final String COOKIE = "wte_session";
    static final String SECURE_COOKIE = "__Host-wte_session";
    /** Where the live WebSocket endpoint is, on the same port as the pages. */
    static final String LIVE_PATH = "/live";
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /** What to close, last started first. */
    private final Deque<AutoCloseable> parts;
    private final WhereToEatServer web;

    private Application(Deque<AutoCloseable> parts, WhereToEatServer web) {
        this.parts = parts;
        this.web = web;
    }

    /** Starts everything {@code settings} describe; fails, leaving nothing running, if any part cannot start. */
    public static Application start(Settings settings) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Storage storage = Storage.of(settings);
            started.push(storage);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            started.push(JvmMeters.bindTo(metrics));
            WhereToEat core = new CountedVotes(Venues.wire(storage.wire(WhereToEat.builder()), settings, metrics)
                    .lifetimes(settings.lifetimes())
                    .timeout(settings.redisTimeout())
                    .sessionsPerClientPerMinute(settings.limits().sessionsPerAddressPerMinute())
                    .build(), metrics);
            ConnectionLimit.Resolved connections = ConnectionLimit.resolve(settings.limits().maxConnections(),
                    ConnectionLimit.fileDescriptorLimit());
            connections.warning().ifPresent(LOG::warn);
            String cookie = settings.cookieSecure() ? SECURE_COOKIE : COOKIE;

            // One port: the live endpoint takes over the requests for /live from the one server.
            LiveEndpoint live = new LiveEndpoint(core, WebSocketServerSettings.builder()
                    .allowedOrigins(settings.allowedOrigins())
                    // A request waits for storage at most the core's timeout; the live side bounds
                    // what may be pending by the same figure.
                    .requestTimeout(settings.redisTimeout())
                    .maxConnections(connections.maxConnections())
                    .maxConnectionsPerAddress(settings.limits().maxConnectionsPerAddress())
                    .trustedProxies(settings.limits().trustedProxies())
                    .sessionCookie(cookie).build());
            HttpSettings http = HttpSettings.builder()
                    .bindAddress(settings.host())
                    .port(settings.httpPort())
                    .cookieName(cookie)
                    .secureCookies(settings.cookieSecure())
                    .cookieMaxAge(settings.lifetimes().session())
                    // A page reads the area, the search and who you are: a few storage calls, and the
                    // provider's search, which answers from the catalog once its time is up.
                    .requestTimeout(settings.redisTimeout().multipliedBy(3).plus(settings.venues().timeout()).plusSeconds(2))
                    .liveConnections(live::connectionCount)
                    .mapTileUrl(settings.mapTiles().tileUrl().orElse(""))
                    .mapAttribution(settings.mapTiles().attribution())
                    .trustedProxies(settings.limits().trustedProxies())
                    .build();
            WhereToEatServer web = new WhereToEatServer(core, http, ServerSettings.defaults(), metrics)
                    .upgrade(LIVE_PATH, live::newHandler);
            try {
                web.start();
            } catch (UncheckedIOException e) {
                throw portInUse(e, Variable.PORT, settings.httpPort());
            }
            started.push(() -> web.stop(GRACE));
            // Stopped first: live clients hear 1001 and resume elsewhere while pages finish.
            started.push(() -> live.stop(GRACE));
            LOG.info("storage {}", storage.describe());
            LOG.info("live connections: at most {} ({}), {} per address; trusted proxies: {}", connections.maxConnections(),
                    connections.source(), settings.limits().maxConnectionsPerAddress(), settings.limits().trustedProxies());
            return new Application(started, web);
        } catch (RuntimeException e) {
            closeAll(started, e);
            throw e;
        }
    }

    public int httpPort() {
        return web.port();
    }

    /**
     * Stops taking requests, lets those in flight finish, closes live connections with 1001 (going
     * away) so clients reconnect elsewhere, then closes storage. Each part is closed even when an
     * earlier one fails.
     */
    @Override
    public void close() {
        RuntimeException failure = closeAll(parts, null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes {@code parts} last first; answers {@code failure} with any further failure suppressed in it. */
    private static RuntimeException closeAll(Deque<AutoCloseable> parts, RuntimeException failure) {
        RuntimeException first = failure;
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not stop cleanly: " + e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    /** A port someone else holds is a setting to change, said in one line; anything else stays as it was. */
    private static RuntimeException portInUse(Exception failure, Variable variable, int port) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return new ConfigException(variable, String.valueOf(port), "the port is in use, or not ours to take");
            }
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.getMessage(), failure);
    }
}
