package com.wheretoeat.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;

/** Closes a connection over something its client sent, so that the client gets to read why. */
final class Goodbye {
    /** How long the client has to stop sending and close its end after it was told why. */
    static final long LINGER_SECONDS = 2;

    private Goodbye() {}

    /**
     * Sends the close frame, then closes once the client closed its end, or the linger is over.
     * Closing at once would leave what the client is still sending unread, and the kernel answers
     * unread data with a reset, which can reach the client before the close frame does: it would
     * see 1006 instead of the reason. What arrives meanwhile must be discarded by the caller.
     */
    static void say(ChannelHandlerContext ctx, int code, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
        ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
    }
}
