package gale.loadgen;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server for tests: counts the requests it receives, answers "Hello, World!" after an injected delay,
 * holds every response during a stall window, and answers {@code /status/NNN} with that status.
 */
final class CountingServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private volatile long delayNanos;
    private volatile long stallFrom;
    private volatile long stallUntil;

    CountingServer() throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.incrementAndGet();
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new Handler());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + ((java.net.InetSocketAddress) server.localAddress()).getPort() + path);
    }

    long received() {
        return received.get();
    }

    int openConnections() {
        return open.get();
    }

    CountingServer delay(long millis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    /** Holds every response (received or in flight) from {@code fromMillis} after now for {@code millis}. */
    CountingServer stall(long fromMillis, long millis) {
        long now = System.nanoTime();
        stallFrom = now + TimeUnit.MILLISECONDS.toNanos(fromMillis);
        stallUntil = stallFrom + TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            received.incrementAndGet();
            HttpResponseStatus status = HttpResponseStatus.OK;
            if (request.uri().startsWith("/status/")) {
                status = HttpResponseStatus.valueOf(Integer.parseInt(request.uri().substring(8)));
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer("Hello, World!", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            long now = System.nanoTime();
            long wait = delayNanos;
            long dueAt = now + wait;
            if (dueAt >= stallFrom && now < stallUntil) {
                dueAt = Math.max(dueAt, stallUntil);
            }
            Runnable reply = () -> {
                var f = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
            };
            if (dueAt - now <= 0) {
                reply.run();
            } else {
                ctx.executor().schedule(reply, dueAt - now, TimeUnit.NANOSECONDS);
            }
        }
    }
}
