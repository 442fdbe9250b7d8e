package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.TrustedProxies;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one server of a node, on Netty: pages, the JSON API and the operations routes through
 * {@link WebApp}, and on the same port any path registered with {@link #upgrade} (such as the live
 * WebSocket endpoint) handed to the handler that takes it over. The web app runs on a small pool
 * off the event loops (it renders templates and reads static files); bytes move on the event loops,
 * over epoll where available.
 *
 * <pre>{@code
 * var server = new WhereToEatServer(app, HttpSettings.builder().port(8080).build(), ServerSettings.defaults(), registry)
 *         .upgrade("/live", live::newHandler);
 * server.start();
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 */
public final class WhereToEatServer {
    private static final System.Logger LOG = System.getLogger(WhereToEatServer.class.getName());
    /** How long past the request timeout the server waits before it takes {@link WebApp#handle} to be stuck. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private final HttpSettings settings;
    private final ServerSettings transport;
    private final PrometheusMeterRegistry registry;
    private final AcceptWatch acceptWatch = new AcceptWatch();
    private final WebApp web;
    private final ResponseRenderer renderer = new ResponseRenderer();
    private final InFlight inFlight = new InFlight();
    private final Map<String, Supplier<ChannelHandler>> upgrades = new LinkedHashMap<>();
    private ChannelGroup connections;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listener;
    private ExecutorService pool;

    public WhereToEatServer(WhereToEat app, HttpSettings settings) {
        this(app, settings, ServerSettings.defaults(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** With a registry of the app's own, to add its meters (such as live connections) to {@code /metrics}. */
    public WhereToEatServer(WhereToEat app, HttpSettings settings, ServerSettings transport,
            PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.transport = transport;
        this.registry = registry;
        this.web = new WebApp(app, settings, registry, acceptWatch::accepting);
    }

    /**
     * Hands requests for {@code path} (exactly, any query) to a new handler from {@code taker}, which
     * takes the connection over: it finds the request next to Netty's HTTP codec and answers the
     * upgrade, or refuses it, itself. Call before {@link #start()}.
     */
    public synchronized WhereToEatServer upgrade(String path, Supplier<ChannelHandler> taker) {
        if (listener != null) {
            throw new IllegalStateException("Upgrades are registered before the server starts");
        }
        upgrades.put(path, taker);
        return this;
    }

    /** Starts listening on the configured address and port; fails when the port cannot be had. */
    public synchronized void start() {
        if (listener != null) {
            throw new IllegalStateException("The server is already started");
        }
        Transport best = Transport.best();
        acceptor = best.group(1);
        workers = best.group(transport.eventLoopThreads());
        connections = new DefaultChannelGroup("wte-connections", GlobalEventExecutor.INSTANCE);
        pool = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "wte-http");
            thread.setDaemon(true);
            return thread;
        });
        UpgradeDispatch dispatch = new UpgradeDispatch(upgrades);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(best.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(acceptWatch)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.add(channel);
                        ChannelPipeline pipeline = channel.pipeline();
                        pipeline.addLast("write-timeout", new WriteTimeoutHandler(
                                transport.writeTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        pipeline.addLast(UpgradeDispatch.CODEC, new HttpServerCodec(4096, transport.maxHeaderBytes(), 8192));
                        // Hands on one request at a time while reading is paused for an answer.
                        pipeline.addLast("flow", new FlowControlHandler());
                        pipeline.addLast("deadlines", new RequestDeadlines(transport));
                        pipeline.addLast("body", new BodyCollector(settings.maxBodyBytes()));
                        pipeline.addLast("upgrades", dispatch);
                        pipeline.addLast("web", new WebAppHandler(WhereToEatServer.this, settings.maxBodyBytes()));
                    }
                });
        inFlight.open();
        try {
            listener = bootstrap.bind(new InetSocketAddress(settings.bindAddress(), settings.port())).sync().channel();
        } catch (Exception e) {
            shutDownGroups();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            BindException bind = new BindException("Could not listen on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage());
            bind.initCause(e);
            throw new UncheckedIOException(bind);
        }
        LOG.log(Level.DEBUG, "Listening on " + listener.localAddress() + " over " + best.name());
    }

    /** The port listened on; with port 0 configured, the one the system picked. */
    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("The server is not started");
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    TrustedProxies trustedProxies() {
        return settings.trustedProxies();
    }

    /** Whether the server can accept connections: false after an accept failed, until one succeeds. */
    public boolean accepting() {
        return acceptWatch.accepting();
    }

    /**
     * Stops within {@code grace} (zero: at once): first turns new requests away (503
     * {@code unavailable} with {@code Connection: close}, {@code /readyz} included), then lets the
     * requests in flight finish, then closes the port and every connection still open. Connections
     * taken over by an upgrade are closed too: close them first with their own goodbye.
     */
    public synchronized void stop(Duration grace) {
        if (listener == null) {
            return;
        }
        inFlight.close();
        try {
            if (!inFlight.awaitIdle(grace)) {
                LOG.log(Level.WARNING, inFlight.count() + " requests were still in flight when the server stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        pool.shutdownNow();
        shutDownGroups();
        listener = null;
    }

    private void shutDownGroups() {
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Whether a stop has begun: new requests are being turned away. */
    boolean isStopping() {
        return inFlight.isClosed();
    }

    /** The number of requests being answered now. */
    int inFlight() {
        return inFlight.count();
    }

    /** The listening channel, for tests that act out what its acceptor reports. */
    synchronized Channel listener() {
        return listener;
    }

    /**
     * Lets {@code request} in and counts it in flight, unless a stop has begun; answers whether it
     * was let in. Decided once, here: a request the stop waits for is one it lets finish.
     */
    boolean admit() {
        return inFlight.tryEnter();
    }

    /**
     * The rendered answer to {@code request}, made on the pool: the web app's answer when it was
     * {@link #admit() let in}, else the restart notice. Fails only when the pool is shut (a request
     * let in is then still counted: the caller calls {@link #finished()}).
     */
    CompletableFuture<ResponseRenderer.Rendered> answer(Request request, boolean letIn) {
        return CompletableFuture.supplyAsync(() -> web.handle(request, letIn), pool)
                .thenCompose(answer -> settle(request, answer))
                .thenApplyAsync(renderer::render, pool);
    }

    /** A request {@link #admit() let in} has been answered, or its connection is gone. */
    void finished() {
        inFlight.exit();
    }

    /**
     * The answer {@code answer} settles on. {@link WebApp#handle} answers within the request
     * timeout and never fails; should it fail or hang anyway (a bug), the answer is a 500, secured
     * like every other.
     */
    CompletionStage<Response> settle(Request request, CompletionStage<Response> answer) {
        return answer.toCompletableFuture()
                .orTimeout(settings.requestTimeout().plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    LOG.log(Level.ERROR, "Unexpected failure while answering " + request, error);
                    return web.internalError(request);
                });
    }

    /** The answer to a request that could not be read (a bad request line, a head too large). */
    ResponseRenderer.Rendered malformed() {
        return renderer.render(web.malformed());
    }
}
