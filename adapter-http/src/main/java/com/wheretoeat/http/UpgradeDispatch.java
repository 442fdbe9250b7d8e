package com.wheretoeat.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands a request for an upgrade path (such as {@code /live}) to the handler registered for it,
 * which takes the connection over: it answers the upgrade (or refuses it) itself. The handlers that
 * only serve pages (deadlines, the body limit, the web app) leave the pipeline first; the HTTP codec
 * stays for the taker to answer with or to replace. Any other request goes on to the web app.
 */
@ChannelHandler.Sharable
final class UpgradeDispatch extends ChannelInboundHandlerAdapter {
    /** Names in the pipeline of the handlers that serve plain HTTP requests only. */
    static final String CODEC = "http";
    static final String[] HTTP_ONLY = {"write-timeout", "flow", "deadlines", "body", "upgrades", "web"};

    private final Map<String, Supplier<ChannelHandler>> upgrades;

    UpgradeDispatch(Map<String, Supplier<ChannelHandler>> upgrades) {
        this.upgrades = Map.copyOf(upgrades);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Supplier<ChannelHandler> taker = msg instanceof FullHttpRequest request && request.decoderResult().isSuccess()
                ? upgrades.get(pathOf(request.uri()))
                : null;
        if (taker == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast(taker.get());
        for (String name : HTTP_ONLY) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        // Right after the codec now sits the taker.
        pipeline.context(CODEC).fireChannelRead(msg);
    }

    /** The path of a request target, without its query: {@code /live?session=x} is {@code /live}. */
    static String pathOf(String uri) {
        int end = uri.length();
        int query = uri.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = uri.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return uri.substring(0, end);
    }
}
