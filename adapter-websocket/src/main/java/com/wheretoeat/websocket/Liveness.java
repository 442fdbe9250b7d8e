package com.wheretoeat.websocket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings the peer every interval, and ends a connection that sent nothing (no pong, no message)
 * for one and a half intervals: a peer that vanished without a close would otherwise hold its
 * member in the area for good. Ended without a close frame, as the peer is taken to be gone (1006).
 */
final class Liveness extends ChannelDuplexHandler {
    private final long intervalNanos;
    private volatile long heardAt = System.nanoTime();
    private ScheduledFuture<?> timer;

    Liveness(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().scheduleAtFixedRate(() -> check(ctx), intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (System.nanoTime() - heardAt > intervalNanos * 3 / 2) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heardAt = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
