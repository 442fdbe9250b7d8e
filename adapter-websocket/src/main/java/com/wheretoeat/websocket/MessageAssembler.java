package com.wheretoeat.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Joins the frames of a fragmented message into one, within two limits that hold as the frames
 * arrive: the message's size across its fragments, and how many frames it may come in. Empty
 * continuations count, so a text frame followed by millions of them costs nothing but the close
 * (1009, {@code too-large: ...}). Netty's decoder already refuses one frame over the size by its
 * announced length, before its payload is read. Control frames pass through as they come.
 */
final class MessageAssembler extends ChannelInboundHandlerAdapter {
    private final int maxBytes;
    private final int maxFragments;
    /** The message being joined: its first frame's kind and the bytes so far; null between messages. */
    private ByteBuf joined;
    private boolean text;
    private int fragments;
    private boolean refused;

    MessageAssembler(int maxBytes, int maxFragments) {
        this.maxBytes = maxBytes;
        this.maxFragments = maxFragments;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (refused) {
                return;
            }
            boolean continuation = frame instanceof ContinuationWebSocketFrame;
            if (!continuation) {
                // A new message: Netty's decoder refuses one that starts while another is unfinished.
                release();
                if (frame.isFinalFragment()) {
                    ctx.fireChannelRead(frame.retain());
                    return;
                }
                text = frame instanceof TextWebSocketFrame;
                joined = ctx.alloc().heapBuffer(Math.min(maxBytes, 4096), maxBytes);
                fragments = 0;
            } else if (joined == null) {
                // Netty's decoder refuses a continuation without a message; nothing to join.
                return;
            }
            fragments++;
            if (fragments > maxFragments || joined.readableBytes() + frame.content().readableBytes() > maxBytes) {
                refuse(ctx, fragments > maxFragments
                        ? "too-large: a message may come in at most " + maxFragments + " frames"
                        : "too-large: a message may be at most " + maxBytes + " bytes");
                return;
            }
            joined.writeBytes(frame.content());
            if (frame.isFinalFragment()) {
                ByteBuf whole = joined;
                joined = null;
                ctx.fireChannelRead(text ? new TextWebSocketFrame(whole) : new BinaryWebSocketFrame(whole));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        refused = true;
        release();
        Goodbye.say(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), reason);
    }

    private void release() {
        if (joined != null) {
            joined.release();
            joined = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }
}
