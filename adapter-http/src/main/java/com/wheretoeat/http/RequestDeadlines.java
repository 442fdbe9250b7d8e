package com.wheretoeat.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that is slow to ask: the head of a request must arrive within the
 * first-request timeout, and the whole request within the read timeout, both counted from when the
 * connection opened or its previous answer was written. A connection that says nothing, or sends
 * its headers a byte at a time, holds only its socket, and not for long. Not counted: the wait for
 * the answer, which the web app bounds itself.
 */
final class RequestDeadlines extends ChannelDuplexHandler {
    private final long headNanos;
    private final long wholeNanos;
    private long startedAt;
    private ScheduledFuture<?> timer;

    RequestDeadlines(ServerSettings settings) {
        this.headNanos = settings.firstRequestTimeout().toNanos();
        this.wholeNanos = settings.requestReadTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            awaitRequest(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        awaitRequest(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            arm(ctx, startedAt + wholeNanos - System.nanoTime());
        }
        if (msg instanceof LastHttpContent) {
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse && msg instanceof LastHttpContent) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess() && ctx.channel().isActive()) {
                    awaitRequest(ctx);
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void awaitRequest(ChannelHandlerContext ctx) {
        startedAt = System.nanoTime();
        arm(ctx, headNanos);
    }

    private void arm(ChannelHandlerContext ctx, long nanos) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
