package gale.balancer.internal.warmup;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm-up's slow clients, beside its normal ones for the whole run: connections that send their request in parts
 * with pauses between them, stop partway, or send nothing, as slowloris and slow-POST attackers do. What the balancer
 * does for them (a 408 when a head or a body stalls, a silent close for a connection that never spoke or went quiet
 * after its answer, a body forwarded a byte at a time, a head read in pieces, a clock that ticks on thousands of
 * connections) are branches well-formed traffic never takes. Compiled without them, the request path's code was thrown
 * away and compiled again on the balancer's one CPU the first time an attack came, while normal clients waited. The
 * warm-up's listener has timeouts of milliseconds ({@link JitWarmup#LIMITS}) so that these fire here many times a
 * second. A slow connection ends when the balancer closes it; its lane then opens the next, of the next shape.
 */
final class WarmupSlowClients {
    /**
     * Slow connections open at once: as many as the normal lanes, for the attack's paths to run about as often as the
     * request path's (they wait far more than they work, and take little from the normal lanes).
     */
    static final int LANES = 32;
    /** Between two parts of a request: well inside the warm-up listener's timeouts, so that only a stall times out. */
    private static final long GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** What a slow client sends, one part per gap; after its last part it waits for the balancer to close. */
    enum Shape {
        /** A head in parts that completes: answered, then closed when the connection stays idle. */
        HEAD_IN_PARTS("GET /slow HTTP/1.1\r\n", "Host: localhost\r\n", "User-Agent: gale-warmup\r\n", "\r\n"),
        /** Slowloris: a head that stops partway; 408. */
        HEAD_STALLED("GET /slow HTTP/1.1\r\n", "Host: localhost\r\n", "X-Slow: 1\r\n"),
        /** A connection that never sends: closed without an answer. */
        SILENT(),
        /** A body a byte at a time that completes: each byte forwarded to the target as it comes. */
        BODY_IN_PARTS("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\n", "a", "b", "c"),
        /** A slow POST that stops: 408, and the target's connection closed. */
        BODY_STALLED("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 64\r\n\r\n", "a", "b");

        private static final Shape[] ALL = values();

        final byte[][] parts;

        Shape(String... parts) {
            this.parts = new byte[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                this.parts[i] = parts[i].getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    private final WarmupConnections connected;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean stopped;

    WarmupSlowClients(WarmupSetup setup, InetSocketAddress address) {
        this.connected = new WarmupConnections(setup, address);
    }

    /** Opens {@code lanes} slow connections, each followed by the next when the balancer closes it, until closed. */
    void run(int lanes) {
        for (int i = 0; i < lanes; i++) {
            openNext();
        }
    }

    /** Stops the lanes and closes every slow connection still open. */
    void closeAll() {
        stopped = true;
        connected.closeAll();
    }

    int connectionsOpened() {
        return opened.get();
    }

    private void openNext() {
        if (stopped) {
            return;
        }
        Shape shape = Shape.ALL[started.getAndIncrement() % Shape.ALL.length];
        // Never inline the next, as in WarmupClients: a socket opened in a batch may get the number of one closed in
        // it.
        connected
                .connect(new SlowConnection(shape), ch -> ch.eventLoop().execute(this::openNext))
                .addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        return; // the warm-up's listener closed: the run is over
                    }
                    opened.incrementAndGet();
                    if (stopped) {
                        f.channel().close();
                    }
                });
    }

    private static final class SlowConnection extends ChannelInboundHandlerAdapter {
        private final Shape shape;
        private int sent;

        SlowConnection(Shape shape) {
            this.shape = shape;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            sendNext(ctx);
        }

        private void sendNext(ChannelHandlerContext ctx) {
            if (sent == shape.parts.length || !ctx.channel().isActive()) {
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(shape.parts[sent++]), ctx.voidPromise());
            // The pace of a slow client, as bench/SlowClients.java's: what is measured is the balancer's answer to it.
            ctx.executor().schedule(() -> sendNext(ctx), GAP_NANOS, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // Answered or not, the connection stays open until the balancer closes it: idle after an answer, at once
            // after a 408.
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
