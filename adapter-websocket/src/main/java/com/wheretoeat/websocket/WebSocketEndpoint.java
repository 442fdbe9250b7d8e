package com.wheretoeat.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.model.SessionId;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Java-WebSocket's callbacks, kept short: every one hands work to the core asynchronously and returns. */
final class WebSocketEndpoint extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
    private static final Duration CLOSING_GRACE = Duration.ofSeconds(1);
    private static final Duration WRITE_RESCUE = Duration.ofMillis(50);
    private static final String TOO_FAST = "You are sending too fast. Please slow down and try again in a moment.";

    private final WhereToEat app;
    private final WebSocketServerSettings settings;
    private final OriginPolicy origins;
    private final Replies replies;
    private final RequestReader reader;
    private final AreaFeeds feeds;
    private final RequestHandler handler;
    private final AtomicInteger open = new AtomicInteger();
    /** Connections our threads wrote to since the last rescue sweep; only they can have a stalled write. */
    private final Set<WebSocket> writtenTo = ConcurrentHashMap.newKeySet();
    /** Set once the server goes away: its clients reconnect to another node, so their members stay. */
    private volatile boolean goingAway;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "websocket-reaper");
        thread.setDaemon(true);
        return thread;
    });
    final CompletableFuture<Void> started = new CompletableFuture<>();

    WebSocketEndpoint(WhereToEat app, WebSocketServerSettings settings, Replies replies, RequestReader reader) {
        super(new InetSocketAddress(settings.host(), settings.port()), List.of(new SizeLimitedDraft(settings.maxMessageBytes())));
        this.app = app;
        this.settings = settings;
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.replies = replies;
        this.reader = reader;
        this.feeds = new AreaFeeds(app, replies);
        this.handler = new RequestHandler(app, feeds, replies, () -> goingAway);
        setTcpNoDelay(true);
        setReuseAddr(true);
        setConnectionLostTimeout((int) Math.max(1, settings.pingInterval().toSeconds()));
    }

    int connectionCount() {
        return open.get();
    }

    void goAway() {
        goingAway = true;
    }

    void closeFeeds() {
        feeds.closeAll();
        reaper.shutdownNow();
    }

    /**
     * Java-WebSocket answers a refused or garbled handshake with an HTTP error but leaves the socket
     * open until the peer closes it, so a hostile peer could hoard sockets. Whatever is closing is
     * cut off for good shortly after.
     */
    @Override
    public void onClosing(WebSocket socket, int code, String reason, boolean remote) {
        try {
            reaper.schedule(() -> {
                if (!socket.isClosed()) {
                    socket.closeConnection(code, reason);
                }
            }, CLOSING_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The server is stopping and closes everything itself.
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
            throws InvalidDataException {
        String origin = request.hasFieldValue("Origin") ? request.getFieldValue("Origin") : null;
        String host = request.hasFieldValue("Host") ? request.getFieldValue("Host") : null;
        if (!origins.allows(origin, host)) {
            LOG.info("Refused a handshake from origin {}", origin);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "This origin may not connect.");
        }
        if (open.get() >= settings.maxConnections()) {
            LOG.warn("Refused a handshake: {} connections is the limit", settings.maxConnections());
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "The server is full; please try again later.");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        open.incrementAndGet();
        CompletableFuture<Void> identified = new CompletableFuture<>();
        Connection connection = new Connection(socket, new RateLimiter(settings.messagesPerSecond(), settings.burst()),
                settings.maxBacklogBytes(), reaper, writtenTo::add, identified);
        socket.setAttachment(connection);
        Optional<String> token = HandshakeToken.find(
                handshake.hasFieldValue("Cookie") ? handshake.getFieldValue("Cookie") : null,
                handshake.getResourceDescriptor(), settings.sessionCookie());
        CompletionStage<Optional<SessionId>> known = token.isPresent()
                ? app.resumeSession(token.get())
                : CompletableFuture.completedFuture(Optional.empty());
        known.thenCompose(session -> session.isPresent()
                        ? CompletableFuture.completedFuture(new Identity(session.get(), false))
                        : app.startSession().thenApply(fresh -> new Identity(fresh, true)))
                .whenComplete((identity, error) -> {
                    if (error != null) {
                        connection.send(replies.error(null, error));
                        socket.close(CloseFrame.TRY_AGAIN_LATER, "unavailable: the session could not be checked");
                        identified.complete(null);
                        return;
                    }
                    connection.session(identity.session());
                    connection.send(replies.hello(identity.issued() ? identity.session() : null));
                    identified.complete(null);
                });
    }

    private record Identity(SessionId session, boolean issued) {}

    @Override
    public void onMessage(WebSocket socket, String text) {
        Connection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        if (!admitted(socket, connection)) {
            return;
        }
        boolean allowed = connection.limiter.tryAcquire();
        JsonNode tree = reader.tree(text);
        if (!allowed) {
            answerInTurn(connection, replies.error(RequestReader.idOf(tree), ErrorCode.RATE_LIMITED, TOO_FAST));
            return;
        }
        Request request;
        try {
            request = reader.read(tree);
        } catch (RequestReader.Refused refused) {
            answerInTurn(connection, replies.error(refused.id, refused.reason));
            return;
        }
        connection.enqueue(() -> handler.handle(connection, request));
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        Connection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        if (!admitted(socket, connection)) {
            return;
        }
        answerInTurn(connection, connection.limiter.tryAcquire()
                ? replies.error(null, ErrorCode.BAD_REQUEST, "Only text messages holding JSON are understood, not binary ones.")
                : replies.error(null, ErrorCode.RATE_LIMITED, TOO_FAST));
    }

    /**
     * Every message waits for the answers to the ones before it. The rate limit bounds the requests,
     * but not the answers to messages over the rate, so a client that keeps sending while twice its
     * burst already waits is cut off rather than queued without end.
     */
    private boolean admitted(WebSocket socket, Connection connection) {
        if (connection.queued() < 2 * settings.burst()) {
            return true;
        }
        socket.close(CloseFrame.POLICY_VALIDATION, "too-fast: far over the rate while answers are pending");
        return false;
    }

    /**
     * Sends an answer that needs no work after the answers to earlier messages (and after the hello,
     * which is sent once the session is known), so that a client hears everything in the order it asked.
     */
    private static void answerInTurn(Connection connection, String answer) {
        connection.enqueue(() -> {
            connection.send(answer);
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * A ping is answered only within its own rate (2 a second, bursts of 10) and when its pong has
     * room in the backlog, so that a client that pings without reading cannot have pongs queued for
     * it without end (the library would answer every ping at once otherwise).
     */
    @Override
    public void onWebsocketPing(WebSocket socket, Framedata ping) {
        Connection connection = socket.getAttachment();
        if (connection != null && !connection.allowPong(ping.getPayloadData().remaining())) {
            return;
        }
        super.onWebsocketPing(socket, ping);
        // The pong was queued from this reader thread, off the selector: the write sweep must see it.
        writtenTo.add(socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        writtenTo.remove(socket);
        Connection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        try {
            Connection.Membership had = connection.close();
            if (had != null) {
                feeds.detach(had.area(), connection);
                handler.leaveAfterClose(connection, connection.session(), had.area());
            }
        } finally {
            // Counted until its member is dealt with, so that a count that dropped means the close
            // is done; in a finally, as the count also gates new handshakes.
            open.decrementAndGet();
        }
    }

    @Override
    public void onError(WebSocket socket, Exception error) {
        if (socket == null) {
            started.completeExceptionally(error);
            // The starter hears this failure through start(); a stack trace would add nothing.
            LOG.error("The WebSocket server failed: {}", error.toString());
        } else {
            LOG.debug("A WebSocket connection failed", error);
        }
    }

    @Override
    public void onStart() {
        reaper.scheduleWithFixedDelay(this::rescueStalledWrites, WRITE_RESCUE.toMillis(), WRITE_RESCUE.toMillis(),
                TimeUnit.MILLISECONDS);
        started.complete(null);
    }

    /**
     * Java-WebSocket's selector drops a connection's write interest once its queue looks empty, without
     * a lock against a send from another thread in between; the message queued in that instant would
     * wait for the next one (the symptom of TooTallNate/Java-WebSocket#145). Replies here are sent
     * from the core's threads, so that happens: every connection written to since the last sweep
     * (and still holding unsent data) gets its write interest back when it lost it.
     */
    private void rescueStalledWrites() {
        // A copy: re-marking a socket while walking the set itself could meet it again without end.
        for (WebSocket socket : List.copyOf(writtenTo)) {
            // Unmarked before looking, so that a send after the look marks it again; marked again
            // while it holds data, as the selector may still drop its write interest after this look.
            writtenTo.remove(socket);
            if (socket instanceof WebSocketImpl impl && impl.isOpen() && impl.hasBufferedData()) {
                writtenTo.add(socket);
                SelectionKey key = impl.getSelectionKey();
                try {
                    if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        key.selector().wakeup();
                    }
                } catch (CancelledKeyException closing) {
                    // Closed meanwhile; nothing left to write.
                    writtenTo.remove(socket);
                }
            }
        }
    }
}
