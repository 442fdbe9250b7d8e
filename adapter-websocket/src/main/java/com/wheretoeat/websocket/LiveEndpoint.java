package com.wheretoeat.websocket;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.json.CoreJson;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where to Eat's live protocol (docs/protocol.md) as a piece of a Netty pipeline: a server hands
 * it a connection whose request asked for the live path, and {@link #newHandler()} takes it from
 * there: checks the origin and the room, in all and for the client's address (refusing with 403,
 * 503 or 429 before the upgrade), upgrades to
 * WebSocket, and serves the protocol. Clients join an area, vote and receive the area's events as
 * they happen, from this node or any other sharing the same store. Hardened against hostile
 * clients: message size and fragments, rate, outbound backlog, dead peers, origins, connections
 * per address, new sessions per address (the core's limit).
 */
public final class LiveEndpoint {
    /** The close code sent to every client on {@link #stop(Duration)}. */
    public static final int SHUTDOWN_CLOSE_CODE = WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code();

    final WhereToEat app;
    final WebSocketServerSettings settings;
    final OriginPolicy origins;
    final Replies replies;
    final RequestReader reader;
    final RequestHandler handler;
    /** Connections per client address, from before the upgrade until the close. */
    final AddressSlots slots;
    /** Connections upgraded and not yet dealt with after their close. */
    final AtomicInteger open = new AtomicInteger();
    /**
     * Connections admitted against {@code maxConnections}: taken before the upgrade and given back
     * when the channel closes, so a burst of handshakes cannot pass the limit while none is open yet.
     */
    final AtomicInteger admitted = new AtomicInteger();
    final ChannelGroup channels = new DefaultChannelGroup("wte-live", GlobalEventExecutor.INSTANCE);
    /** Closes connections off the threads that deliver events; see {@link Connection}. */
    final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wte-live-closer");
        thread.setDaemon(true);
        return thread;
    });
    /** Set once the node goes away: its clients reconnect to another node, so their members stay. */
    private volatile boolean goingAway;

    public LiveEndpoint(WhereToEat app, WebSocketServerSettings settings) {
        this.app = Objects.requireNonNull(app, "app");
        this.settings = Objects.requireNonNull(settings, "settings");
        var mapper = CoreJson.newMapper();
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.replies = new Replies(mapper);
        this.reader = new RequestReader(mapper);
        this.handler = new RequestHandler(app, replies);
        this.slots = new AddressSlots(settings.maxConnectionsPerAddress());
    }

    /** Who is at the other end of {@code channel}: its peer, or behind a trusted proxy, whom it forwards. */
    String clientOf(Channel channel, List<String> forwardedFor) {
        return channel.remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
                ? settings.trustedProxies().clientOf(peer.getAddress(), forwardedFor)
                : "unknown";
    }

    /** A handler that takes over one connection, given the request that asked for the live path. */
    public ChannelHandler newHandler() {
        return new LiveHandshake(this);
    }

    /** How many clients are connected right now (a closed one until its member has been dealt with). */
    public int connectionCount() {
        return open.get();
    }

    boolean goingAway() {
        return goingAway;
    }

    /**
     * Refuses new upgrades (503) and closes every connection with 1001 (going away), waiting at most
     * {@code grace} for the closes. Members stay: their clients are expected to reconnect to another
     * node and resume, so others should not see them leave and come back.
     */
    public void stop(Duration grace) {
        goingAway = true;
        app.presence().stopping();
        channels.writeAndFlush(new CloseWebSocketFrame(SHUTDOWN_CLOSE_CODE, "The server is shutting down."));
        long deadline = System.nanoTime() + grace.toNanos();
        // A client that does not answer the close is cut off at the deadline.
        channels.newCloseFuture().awaitUninterruptibly(Math.max(1, grace.toMillis() / 2), TimeUnit.MILLISECONDS);
        channels.close().awaitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        closer.shutdownNow();
    }
}
