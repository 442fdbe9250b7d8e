package com.wheretoeat.app;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.http.HttpSettings;
import com.wheretoeat.http.WhereToEatHttpServer;
import com.wheretoeat.websocket.WebSocketServerSettings;
import com.wheretoeat.websocket.WhereToEatWebSocketServer;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Where to Eat: storage, the core, and the WebSocket and HTTP servers, started in
 * that order and stopped in the reverse one.
 */
public final class Application implements AutoCloseable {
    /** How long requests in flight may take to finish when the app stops. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Storage storage;
    private final WhereToEatWebSocketServer live;
    private final WhereToEatHttpServer web;

    private Application(Storage storage, WhereToEatWebSocketServer live, WhereToEatHttpServer web) {
        this.storage = storage;
        this.live = live;
        this.web = web;
    }

    /** Starts everything {@code settings} describe; fails, leaving nothing running, if any part cannot start. */
    public static Application start(Settings settings) {
        Storage storage = Storage.of(settings);
        WhereToEatWebSocketServer live = null;
        try {
            WhereToEat core = storage.wire(WhereToEat.builder())
                    .venueSearch(settings.venueCatalog().map(VenueCatalogFile::load)
                            .orElseGet(InMemoryVenueCatalog::withExamples))
                    .lifetimes(settings.lifetimes())
                    .build();
            live = new WhereToEatWebSocketServer(core, WebSocketServerSettings.defaults()
                    .withHost(settings.host())
                    .withPort(settings.wsPort())
                    .withAllowedOrigins(allowedOrigins(settings)));
            try {
                live.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw portInUse(e, Variable.WS_PORT, settings.wsPort());
            }
            WhereToEatWebSocketServer counted = live;
            HttpSettings http = HttpSettings.defaults()
                    .withBindAddress(settings.host())
                    .withPort(settings.httpPort())
                    .withWsPort(live.port())
                    .withSecureCookies(settings.cookieSecure())
                    .withCookieMaxAge(settings.lifetimes().session())
                    .withLiveConnections(counted::connectionCount);
            if (settings.publicWsUrl().isPresent()) {
                http = http.withPublicWsUrl(settings.publicWsUrl().get());
            }
            WhereToEatHttpServer web = new WhereToEatHttpServer(core, http);
            try {
                web.start();
            } catch (UncheckedIOException e) {
                throw portInUse(e, Variable.PORT, settings.httpPort());
            }
            LOG.info("storage {}", storage.describe());
            return new Application(storage, live, web);
        } catch (Exception e) {
            if (live != null) {
                live.stop(Duration.ofSeconds(1));
            }
            storage.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
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

    public int httpPort() {
        return web.port();
    }

    public int wsPort() {
        return live.port();
    }

    /**
     * Stops taking requests, lets those in flight finish, closes live connections with 1001 (going
     * away) so clients reconnect elsewhere, then closes storage.
     */
    @Override
    public void close() {
        web.stop(GRACE);
        live.stop(GRACE);
        storage.close();
    }

    /**
     * Browsers may open live connections from the origins configured, or else from this app's own
     * pages: the HTTP port on this machine's names.
     */
    static List<String> allowedOrigins(Settings settings) {
        if (!settings.allowedOrigins().isEmpty()) {
            return settings.allowedOrigins();
        }
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        try {
            hosts.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            LOG.debug("No host name for this machine; only loopback origins are allowed by default");
        }
        List<String> origins = new ArrayList<>();
        for (String host : hosts) {
            origins.add("http://" + host + ":" + settings.httpPort());
        }
        return origins;
    }
}
