package com.wheretoeat.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.model.SessionId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded connection's frames: resumes the session the client brought, if any, then turns each text message into a
 * request for the {@link RequestHandler}, within the connection's rate, answers pings within their
 * own budget, and on close lets the member leave (unless the node is going away). Every callback
 * hands work to the core asynchronously and returns: the event loop never waits.
 */
final class LiveConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);
    private static final String TOO_FAST = "You are sending too fast. Please slow down and try again in a moment.";
    private static final String BUSY = "The server is busy and did not get to this request, so nothing was done. "
            + "Please send it again.";

    private final LiveEndpoint endpoint;
    private final WebSocketServerHandshaker handshaker;
    private final String cookies;
    private final String uri;
    private final String client;
    private Connection connection;

    LiveConnection(LiveEndpoint endpoint, WebSocketServerHandshaker handshaker, String cookies, String uri, String client) {
        this.endpoint = endpoint;
        this.handshaker = handshaker;
        this.cookies = cookies;
        this.uri = uri;
        this.client = client;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        endpoint.open.incrementAndGet();
        endpoint.channels.add(ctx.channel());
        WebSocketServerSettings settings = endpoint.settings;
        CompletableFuture<Void> identified = new CompletableFuture<>();
        connection = new Connection(ctx.channel(), new RateLimiter(settings.messagesPerSecond(), settings.burst()),
                settings.maxBacklogBytes(), endpoint.closer, endpoint.replies, settings.requestTimeout().toNanos(), identified,
                client);
        ctx.channel().closeFuture().addListener(closed -> closed(connection));
        // Reading needs no session: one is resumed when the client brings it, and otherwise issued
        // by the first join (RequestHandler), not here, so that connecting costs the store nothing.
        Optional<String> token = HandshakeToken.find(cookies, uri, settings.sessionCookie());
        CompletionStage<Optional<SessionId>> known = token.isPresent()
                ? endpoint.app.resumeSession(token.get())
                : CompletableFuture.completedFuture(Optional.empty());
        known.whenComplete((session, error) -> {
            if (error != null) {
                connection.send(endpoint.replies.error(null, error));
                connection.close(WebSocketCloseStatus.TRY_AGAIN_LATER.code(),
                        "unavailable: the session could not be checked");
                identified.complete(null);
                return;
            }
            session.ifPresent(connection::session);
            connection.send(endpoint.replies.hello());
            identified.complete(null);
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            onText(text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            onBinary();
        } else if (frame instanceof PingWebSocketFrame ping) {
            if (connection.allowPong(ping.content().readableBytes())) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            handshaker.close(ctx.channel(), close.retain());
        }
    }

    private void onText(String text) {
        if (!admitted()) {
            return;
        }
        boolean allowed = connection.limiter.tryAcquire();
        JsonNode tree = endpoint.reader.tree(text);
        if (!allowed) {
            answerInTurn(endpoint.replies.error(RequestReader.idOf(tree), ErrorCode.RATE_LIMITED, TOO_FAST));
            return;
        }
        Request request;
        try {
            request = endpoint.reader.read(tree);
        } catch (RequestReader.Refused refused) {
            answerInTurn(endpoint.replies.error(refused.id, refused.reason));
            return;
        }
        connection.enqueue(() -> endpoint.handler.handle(connection, request),
                () -> connection.send(endpoint.replies.error(request.id(), ErrorCode.UNAVAILABLE, BUSY)));
    }

    private void onBinary() {
        if (!admitted()) {
            return;
        }
        answerInTurn(connection.limiter.tryAcquire()
                ? endpoint.replies.error(null, ErrorCode.BAD_REQUEST, "Only text messages holding JSON are understood, not binary ones.")
                : endpoint.replies.error(null, ErrorCode.RATE_LIMITED, TOO_FAST));
    }

    /**
     * Every message waits for the answers to the ones before it, and none waits longer than the
     * request timeout to start or to be answered: a client within its rate never has more than
     * {@link WebSocketServerSettings#maxPendingAnswers()} pending, however slow storage is. One with
     * more keeps sending far over its rate (answers to messages over the rate also wait their
     * turn), and is cut off rather than queued without end.
     */
    private boolean admitted() {
        if (connection.queued() < endpoint.settings.maxPendingAnswers()) {
            return true;
        }
        connection.close(WebSocketCloseStatus.POLICY_VIOLATION.code(), "too-fast: far over the rate while answers are pending");
        return false;
    }

    /**
     * Sends an answer that needs no work after the answers to earlier messages (and after the hello,
     * which is sent once the session is known), so that a client hears everything in the order it asked.
     */
    private void answerInTurn(String answer) {
        Runnable send = () -> connection.send(answer);
        connection.enqueue(() -> {
            send.run();
            return CompletableFuture.completedFuture(null);
        }, send);
    }

    private void closed(Connection closing) {
        try {
            endpoint.handler.moved(closing.session(), closing.close(), null);
        } finally {
            // Counted until its member is dealt with, so that a count that dropped means the close
            // is done; in a finally, as the count also gates new upgrades.
            endpoint.open.decrementAndGet();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException broken && ctx.channel().isActive()) {
            // The decoder discards what follows; the client hears why (1002, 1007, 1009) before the close.
            WebSocketCloseStatus status = broken.closeStatus();
            Goodbye.say(ctx, status.code(), status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    ? "too-large: a message may be at most " + endpoint.settings.maxMessageBytes() + " bytes"
                    : status.reasonText());
            return;
        }
        LOG.debug("A live connection failed", cause);
        ctx.close();
    }
}
