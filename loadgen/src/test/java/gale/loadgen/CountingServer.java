package gale.loadgen;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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
    private final java.util.Queue<Long> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
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
                        ch.pipeline().addLast(new Handler());
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

    /**
     * Requests per second as the server saw them arrive: the least-squares slope of arrival time over arrival index
     * in the middle 60% of arrivals, so neither a few requests delayed by a busy machine nor the first moments of a
     * cold JVM decide the rate (a steady rate is a straight line).
     */
    double arrivalRate() {
        long[] sorted = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] t = java.util.Arrays.copyOfRange(sorted, sorted.length / 5, sorted.length - sorted.length / 5);
        int n = t.length;
        if (n < 100) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (long v : t) {
            meanY += (v - t[0]) / (double) n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * ((t[i] - t[0]) - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return 1e9 / (sxy / sxx);
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

    /**
     * HTTP/1.1 by hand (GET without a body is all the tests send): cheap enough to answer thousands of requests a
     * second on a busy machine with paranoid leak detection on, which Netty's full codec stack is not.
     */
    private final class Handler extends ChannelInboundHandlerAdapter {
        private final StringBuilder pending = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                pending.append(in.toString(StandardCharsets.ISO_8859_1));
            } finally {
                in.release();
            }
            int end;
            while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
                String head = pending.substring(0, end);
                pending.delete(0, end + 4);
                respond(ctx, head);
            }
        }

        private void respond(ChannelHandlerContext ctx, String head) {
            received.incrementAndGet();
            arrivals.add(System.nanoTime());
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            boolean close = head.toLowerCase(java.util.Locale.ROOT).contains("connection: close");
            byte[] bytes = ("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
                            + (close ? "Connection: close\r\n" : "") + "\r\nHello, World!")
                    .getBytes(StandardCharsets.ISO_8859_1);
            long now = System.nanoTime();
            long dueAt = now + delayNanos;
            if (dueAt >= stallFrom && now < stallUntil) {
                dueAt = Math.max(dueAt, stallUntil);
            }
            Runnable reply = () -> {
                var f = ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
                if (close) {
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
