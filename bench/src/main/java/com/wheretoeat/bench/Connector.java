package com.wheretoeat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Opens WebSocket client connections on one small event-loop group (epoll where available), so
 * thousands of connections cost a couple of threads, not one each.
 */
final class Connector implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final int maxMessageBytes;

    Connector(int threads) {
        this(threads, MAX_MESSAGE_BYTES);
    }

    /**
     * {@code maxMessageBytes} bounds one received message: a join's ack holds the whole area, so in
     * an area of thousands of members it is over a megabyte.
     */
    Connector(int threads, int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, HANDSHAKE_TIMEOUT_MILLIS);
    }

    static String transport() {
        return Epoll.isAvailable() ? "epoll" : "nio (" + Epoll.unavailabilityCause() + ")";
    }

    /** Connects {@code client} to {@code server}; the client hears the server's hello once upgraded. */
    ChannelFuture connect(URI server, ChannelHandler client) {
        // No Origin header: the protocol allows a non-browser handshake without one.
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                server, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, maxMessageBytes);
        return bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(
                        new HttpClientCodec(),
                        new HttpObjectAggregator(16 * 1024),
                        // Close frames go on to the client, which counts them; pings are answered here.
                        new WebSocketClientProtocolHandler(handshaker, false, true, HANDSHAKE_TIMEOUT_MILLIS),
                        new WebSocketFrameAggregator(maxMessageBytes),
                        client);
            }
        }).connect(server.getHost(), server.getPort());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
