package com.wheretoeat.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Gathers a request and its body into one {@link io.netty.handler.codec.http.FullHttpRequest},
 * keeping at most one byte past the body limit: enough for the web app to answer 413, never more in
 * memory. The rest of a body too large is read and dropped up to a discard limit, since a server
 * that closes a socket with unread data resets it and the client loses the 413 it was sent; past
 * that limit the request goes on as it is, and the connection ends after the answer.
 */
final class BodyCollector extends ChannelInboundHandlerAdapter {
    /** How much of a body too large is read past the limit before the connection is cut instead. */
    static final long DISCARD_LIMIT = 4L * 1024 * 1024;

    private final int keep;
    private HttpRequest head;
    private ByteArrayOutputStream body;
    private long dropped;

    BodyCollector(int maxBodyBytes) {
        this.keep = maxBodyBytes + 1;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                head = request;
                body = new ByteArrayOutputStream();
                dropped = 0;
            }
            if (msg instanceof HttpContent content && head != null) {
                ByteBuf bytes = content.content();
                int take = Math.min(bytes.readableBytes(), keep - body.size());
                bytes.readBytes(body, take);
                dropped += bytes.readableBytes();
                if (msg instanceof LastHttpContent || dropped > DISCARD_LIMIT) {
                    HttpRequest whole = head;
                    head = null;
                    DefaultFullHttpRequest full = new DefaultFullHttpRequest(whole.protocolVersion(), whole.method(),
                            whole.uri(), Unpooled.wrappedBuffer(body.toByteArray()), whole.headers(),
                            msg instanceof LastHttpContent last ? last.trailingHeaders() : new DefaultHttpHeaders());
                    // A head that could not be decoded says so, and the next handler refuses it.
                    full.setDecoderResult(whole.decoderResult());
                    ctx.fireChannelRead(full);
                    body = null;
                }
            }
        } catch (IOException impossible) {
            // Writes into memory.
            throw new UncheckedIOException(impossible);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
