package com.wheretoeat.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;

/**
 * Watches the listening channel: an accept that fails (EMFILE, out of file descriptors) is
 * logged, and the server counts as unable to accept until a connection is accepted again. Netty's
 * acceptor, next in the pipeline, pauses accepting for a second and then retries; this handler only
 * makes that visible, so that {@code /readyz} does not call a port that takes nobody ready.
 */
@ChannelHandler.Sharable
final class AcceptWatch extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(AcceptWatch.class.getName());
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private volatile boolean accepting = true;
    private long loggedAt = System.nanoTime() - LOG_EVERY_NANOS;
    private int unlogged;

    boolean accepting() {
        return accepting;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        accepting = true;
        ctx.fireChannelRead(accepted);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        accepting = false;
        // One line every ten seconds at most: a server out of descriptors fails every accept.
        long now = System.nanoTime();
        if (now - loggedAt >= LOG_EVERY_NANOS) {
            LOG.log(Level.ERROR, "Could not accept a connection (" + cause + "); retrying in a second"
                    + (unlogged > 0 ? " (" + unlogged + " more failures since the last line)" : ""));
            loggedAt = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
        ctx.fireExceptionCaught(cause);
    }
}
