package com.wheretoeat.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.wheretoeat.core.WhereToEat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves {@link WebApp} over real HTTP with the JDK's built-in server: reads a request into a
 * {@link Request} (the body only up to one byte past the limit), waits for the answer (which
 * {@link WebApp} gives within the request timeout) on a fixed pool of threads, and writes the
 * rendered {@link Response}.
 *
 * <pre>{@code
 * var server = new WhereToEatHttpServer(app, HttpSettings.defaults().withPort(8080));
 * server.start();
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 */
public final class WhereToEatHttpServer {
    private static final System.Logger LOG = System.getLogger(WhereToEatHttpServer.class.getName());

    /** Seconds a client may take to send its request (line, headers and body); the JDK's name, read once per JVM. */
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** Seconds from a complete request to the last byte of its answer, waiting for the core included. */
    static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
    static final long DEFAULT_MAX_REQUEST_SECONDS = 10;
    static final long DEFAULT_MAX_RESPONSE_SECONDS = 30;

    /** How long past the request timeout the server waits before it takes {@link WebApp#handle} to be stuck. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    /** How much of a body too large is read past the limit before the connection is cut instead. */
    static final long DISCARD_LIMIT = 4L * 1024 * 1024;

    private final HttpSettings settings;
    private final PrometheusMeterRegistry registry;
    private final WebApp web;
    private final ResponseRenderer renderer = new ResponseRenderer();
    private final InFlight inFlight = new InFlight();
    private HttpServer server;
    private ExecutorService pool;

    public WhereToEatHttpServer(WhereToEat app, HttpSettings settings) {
        this(app, settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** With a registry of the app's own, to add its meters (such as live connections) to {@code /metrics}. */
    public WhereToEatHttpServer(WhereToEat app, HttpSettings settings, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.web = new WebApp(app, settings, registry);
    }

    /** Starts listening on the configured address and port. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("The server is already started");
        }
        limitSlowClients();
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + settings.bindAddress() + ":" + settings.port(), e);
        }
        pool = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "wte-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        web.takeRequests();
        server.createContext("/", this::exchange);
        server.start();
    }

    /**
     * The JDK server reads a request and writes its answer on the pool's threads, and by default
     * without a time limit: a few clients that send half a request and stall would hold every
     * thread. Its own limits are system properties it reads once, when the first server of the JVM
     * is created, so they are set here (unless the operator set them) before that happens. On JDK
     * 17 a request without a body counts as being read until its answer is written, so the
     * request limit is kept above the request timeout.
     */
    private void limitSlowClients() {
        long answerSeconds = settings.requestTimeout().toSeconds() + 3;
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, Long.toString(Math.max(DEFAULT_MAX_REQUEST_SECONDS, answerSeconds)));
        }
        if (System.getProperty(MAX_RESPONSE_TIME) == null) {
            System.setProperty(MAX_RESPONSE_TIME, Long.toString(Math.max(DEFAULT_MAX_RESPONSE_SECONDS, answerSeconds)));
        }
    }

    /** The number of pool threads busy with a connection, reading a request or answering one. */
    int busyThreads() {
        return pool == null ? 0 : ((ThreadPoolExecutor) pool).getActiveCount();
    }

    /** The port listened on; with port 0 configured, the one the system picked. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The server is not started");
        }
        return server.getAddress().getPort();
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Stops within {@code grace} (zero: at once): first turns new requests away (503
     * {@code unavailable} with {@code Connection: close}, {@code /readyz} included), then lets the
     * requests in flight finish, then stops taking connections. One deadline covers every wait, and
     * it returns as soon as nothing is left to wait for.
     */
    public synchronized void stop(Duration grace) {
        if (server == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        web.stopTakingRequests();
        try {
            if (!inFlight.awaitIdle(grace)) {
                LOG.log(Level.WARNING, inFlight.count() + " requests were still in flight when the server stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        server = null;
    }

    /** Whether a stop has begun: new requests are being turned away. */
    boolean isStopping() {
        return web.isStopping();
    }

    /** The number of requests being answered now. */
    int inFlight() {
        return inFlight.count();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        inFlight.enter();
        try (exchange) {
            Request request = read(exchange);
            Response response;
            try {
                response = await(request, web.handle(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            write(exchange, response);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not answer a request", e);
        } finally {
            inFlight.exit();
        }
    }

    /**
     * The answer {@code answer} settles on. {@link WebApp#handle} answers within the request
     * timeout and never fails; should it fail or hang anyway (a bug), the answer is a 500, secured
     * like every other.
     */
    Response await(Request request, CompletionStage<Response> answer) throws InterruptedException {
        try {
            return answer.toCompletableFuture().get(settings.requestTimeout().plus(SAFETY_MARGIN).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.ERROR, "Unexpected failure while answering " + request, e);
            return web.internalError(request);
        }
    }

    private Request read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values));
        Map<String, String> cookies = Request.parseCookies(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
        Map<String, List<String>> query = Request.parseQuery(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getRawPath();
        return new Request(exchange.getRequestMethod(), path == null ? "" : path, query, headers, cookies,
                readBody(exchange.getRequestBody()));
    }

    /**
     * At most one byte past the limit: enough for the boundary to refuse it, never more in memory.
     * The rest of a body too large is read and dropped, up to {@link #DISCARD_LIMIT}: a server that
     * closes a socket with unread data resets it, and the client loses the 413 it was sent.
     */
    private byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(settings.maxBodyBytes() + 1);
        if (body.length > settings.maxBodyBytes()) {
            byte[] sink = new byte[8192];
            long dropped = 0;
            int read = 0;
            while (dropped < DISCARD_LIMIT && read >= 0) {
                read = in.read(sink);
                dropped += Math.max(read, 0);
            }
        }
        return body;
    }

    private void write(HttpExchange exchange, Response response) throws IOException {
        ResponseRenderer.Rendered rendered = renderer.render(response);
        rendered.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        if (rendered.status() == 413) {
            // The body was drained only up to DISCARD_LIMIT and the client may still be sending:
            // end the connection rather than read on.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || rendered.body().length == 0;
        exchange.sendResponseHeaders(rendered.status(), bodiless ? -1 : rendered.body().length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(rendered.body());
            }
        }
    }
}
