package com.wheretoeat.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The smallest server that carries the live endpoint for specs: Netty's HTTP codec, and requests
 * for {@code /live} handed to {@link LiveEndpoint#newHandler()} as the node's one server does it
 * (adapter-http's {@code WhereToEatServer}); anything else is a 404.
 */
final class LiveServer {
    private final LiveEndpoint endpoint;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel listener;

    LiveServer(LiveEndpoint endpoint) {
        this.endpoint = endpoint;
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast("http", new HttpServerCodec())
                                .addLast("aggregator", new HttpObjectAggregator(8192))
                                .addLast("route", new Route());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    private final class Route extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String uri = request.uri();
            String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
            if (request.decoderResult().isFailure() || !path.equals("/live")) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                        Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.pipeline().remove("aggregator");
            ctx.pipeline().replace(this, "live", endpoint.newHandler());
            ctx.pipeline().context("http").fireChannelRead(request.retain());
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    LiveEndpoint endpoint() {
        return endpoint;
    }

    int connectionCount() {
        return endpoint.connectionCount();
    }

    /** Stops the endpoint (1001 to every client), then the server. */
    void stop(Duration grace) {
        endpoint.stop(grace);
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
