package com.wheretoeat.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request for the live path, before the upgrade: refused with 403 for an origin that may not
 * connect, with 503 and {@code Retry-After} while the endpoint is full or going away, with 429 when
 * the client's address holds its share of connections already, with 400 for a request that is no
 * WebSocket handshake; otherwise upgraded, and replaced by the handlers of the live connection.
 * Every refusal has a JSON body with a stable code, as the HTTP side's errors do.
 */
final class LiveHandshake extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHandshake.class);

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final LiveEndpoint endpoint;

    LiveHandshake(LiveEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (!endpoint.origins.allows(origin, host)) {
            LOG.info("Refused an upgrade from origin {}", origin);
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "forbidden", "This origin may not connect.");
            return;
        }
        if (endpoint.goingAway()) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The server is restarting; please try again in a moment.");
            return;
        }
        if (endpoint.admitted.incrementAndGet() > endpoint.settings.maxConnections()) {
            endpoint.admitted.decrementAndGet();
            LOG.warn("Refused an upgrade: {} connections is the limit (MAX_CONNECTIONS)", endpoint.settings.maxConnections());
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "The server is full; please try again later.");
            return;
        }
        // Given back when the channel closes, whatever comes next: a refusal below, a failed handshake, a goodbye.
        ctx.channel().closeFuture().addListener(closed -> endpoint.admitted.decrementAndGet());
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("ws://" + host + request.uri(),
                null, WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(endpoint.settings.maxMessageBytes())
                        .allowExtensions(false)
                        // LiveConnection says why and closes, letting the client read it (see Goodbye).
                        .closeOnProtocolViolation(false)
                        .build())
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad-request", "This address takes WebSocket connections only.");
            return;
        }
        String client = endpoint.clientOf(ctx.channel(), request.headers().getAll(X_FORWARDED_FOR));
        if (!endpoint.slots.tryAcquire(client)) {
            LOG.info("Refused an upgrade: {} holds {} connections, the limit per address (MAX_CONNECTIONS_PER_ADDRESS)",
                    client, endpoint.settings.maxConnectionsPerAddress());
            refuse(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "too-many-connections",
                    "Too many live connections come from your address. Please close some and try again.");
            return;
        }
        // Given back when the connection closes, however it ends: a failed handshake, a timeout, a goodbye.
        ctx.channel().closeFuture().addListener(closed -> endpoint.slots.release(client));
        long backlog = endpoint.settings.maxBacklogBytes();
        ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark((int) Math.min(backlog / 2, Integer.MAX_VALUE),
                (int) Math.min(backlog, Integer.MAX_VALUE)));
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        String uri = request.uri();
        handshaker.handshake(ctx.channel(), request).addListener(upgraded -> {
            if (!upgraded.isSuccess()) {
                ctx.close();
                return;
            }
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.addAfter(ctx.name(), "live-assembler", new MessageAssembler(endpoint.settings.maxMessageBytes(),
                    endpoint.settings.maxFragments()));
            pipeline.addAfter("live-assembler", "live-liveness", new Liveness(endpoint.settings.pingInterval()));
            pipeline.addAfter("live-liveness", "live-connection", new LiveConnection(endpoint, handshaker, cookies, uri, client));
            pipeline.remove(this);
        });
    }

    /** Refuses the upgrade with {@code status} and a body like the HTTP side's errors: {"error": {"code", "message"}}. */
    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String sentence) {
        byte[] body = (endpoint.replies.refusal(code, sentence) + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff");
        if (status == HttpResponseStatus.SERVICE_UNAVAILABLE) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "5");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("A live handshake failed", cause);
        ctx.close();
    }
}
