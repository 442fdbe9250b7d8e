package com.wheretoeat.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns a whole request into a {@link Request}, lets {@link WhereToEatServer} answer it off the
 * event loop, and writes the rendered answer. One request of a connection at a time: reading
 * pauses until its answer is written, so pipelined requests are answered in order and a client
 * cannot queue work it does not wait for.
 */
final class WebAppHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final WhereToEatServer server;
    private final int maxBodyBytes;

    WebAppHandler(WhereToEatServer server, int maxBodyBytes) {
        this.server = server;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest full) {
        boolean head = full.method().equals(HttpMethod.HEAD);
        if (full.decoderResult().isFailure()) {
            write(ctx, server.malformed(), head, false);
            return;
        }
        // Past the body limit the rest of the body may still be on its way: the connection ends after the 413.
        boolean keepAlive = HttpUtil.isKeepAlive(full) && full.content().readableBytes() <= maxBodyBytes;
        Request request = requestOf(full).withClient(clientOf(ctx, full));
        ctx.channel().config().setAutoRead(false);
        boolean letIn = server.admit();
        CompletableFuture<ResponseRenderer.Rendered> answer;
        try {
            answer = server.answer(request, letIn);
        } catch (RejectedExecutionException stopped) {
            done(letIn);
            ctx.close();
            return;
        }
        answer.whenComplete((rendered, error) -> {
            if (error != null) {
                // The server stopped under it; nothing is left to answer with.
                done(letIn);
                ctx.close();
                return;
            }
            write(ctx, rendered, head, keepAlive).addListener(written -> done(letIn));
        });
    }

    /** Only a request let in was counted in flight; a request turned away was not. */
    private void done(boolean letIn) {
        if (letIn) {
            server.finished();
        }
    }

    private static ChannelFuture write(ChannelHandlerContext ctx, ResponseRenderer.Rendered rendered,
            boolean head, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(rendered.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(rendered.body()));
        rendered.headers().forEach((name, values) -> response.headers().add(name, values));
        response.headers().setInt("Content-Length", rendered.body().length);
        boolean close = !keepAlive || "close".equalsIgnoreCase(rendered.header("Connection"));
        if (close) {
            response.headers().set("Connection", "close");
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            written.addListener(done -> ctx.channel().config().setAutoRead(true));
        }
        return written;
    }

    /** The request as the web app takes it: the raw path, the query decoded, headers and cookies. */
    static Request requestOf(FullHttpRequest full) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : full.headers().names()) {
            headers.put(name, full.headers().getAll(name));
        }
        String uri = full.uri();
        String target = uri.startsWith("/") ? uri : originForm(uri);
        int question = target.indexOf('?');
        String path = UpgradeDispatch.pathOf(target);
        String query = null;
        if (question >= 0) {
            String rest = target.substring(question + 1);
            int fragment = rest.indexOf('#');
            query = fragment < 0 ? rest : rest.substring(0, fragment);
        }
        return new Request(full.method().name(), path, Request.parseQuery(query),
                headers, Request.parseCookies(full.headers().getAll(HttpHeaderNames.COOKIE)),
                ByteBufUtil.getBytes(full.content()));
    }

    /** The client's address by the one rule the live side uses too: the peer, or whom a trusted proxy forwards. */
    private String clientOf(ChannelHandlerContext ctx, FullHttpRequest full) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
                ? server.trustedProxies().clientOf(peer.getAddress(), full.headers().getAll("X-Forwarded-For"))
                : Request.UNKNOWN_CLIENT;
    }

    /** {@code http://host/path?q} (absolute form, as proxies send) as {@code /path?q}. */
    private static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : uri.substring(slash);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the peer and the like: the connection is done for.
        ctx.close();
    }
}
