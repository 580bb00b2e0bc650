package gale.balancer.internal.warmup;

import gale.balancer.internal.http1.BodyPart;
import gale.balancer.internal.http1.ResponseHead;
import gale.balancer.internal.proxy.Observers;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warm-up's clients: a fixed number of connections open at once, each making 1 to 32 requests before it closes,
 * so that accepting and closing are in the JIT's profiles while most of the time goes to requests (a connection costs
 * several requests' time, and on a busy start-up the JIT needs tens of thousands of requests to compile the path).
 * Some connections end with {@code Connection: close}, some go away with their last request unanswered (as a load
 * generator does when it stops; half of those with a reset), and the requests vary as real ones do: with and without
 * a body and headers. Every {@value #ROUND_CONNECTIONS} connections a round ends as a load generator's run does, all
 * connections dropped at once; and each connection is observed as {@link WarmupObservers} says.
 */
final class WarmupClients {
    private static final byte[][] REQUESTS = {
        ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
        ascii("GET /warmup?q=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: gale-warmup\r\nAccept: */*\r\n\r\n"),
        ascii("POST /warmup HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"),
        ascii(
                "GET /warmup/a/b HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n"),
    };
    private static final AttributeKey<Boolean> ROUND_ENDED = AttributeKey.valueOf("gale.warmup.roundEnded");
    private static final byte[] LAST_REQUEST = ascii("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    private static final int MAX_REQUESTS_PER_CONNECTION = 32;
    /** One connection in this many ends with {@code Connection: close}. */
    private static final int CLOSE_EVERY = 10;
    /** One connection in this many goes away with its last request unanswered. */
    private static final int ABORT_EVERY = 9;
    /**
     * Every this many connections, all open connections are dropped at once with their requests in flight, as a load
     * generator does when its run ends: responses then meet clients closed in the same loop pass, and the timers of
     * every connection are cancelled together. Each of these is a branch that requests alone never take, and C2 code
     * compiled without it is thrown away, and compiled again while requests wait, the first time a real run ends.
     */
    static final int ROUND_CONNECTIONS = 250;
    /**
     * How long the lanes wait after a round ends before they connect again: the drops settle first, and then the lanes
     * connect together, as the next run's connections do.
     */
    private static final long ROUND_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Observers observers;
    private final WarmupConnections connected;
    private final WarmupObservers twins;
    private final int connections;
    private final long deadlineNanos;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger lanesRunning = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    WarmupClients(
            WarmupSetup setup, InetSocketAddress address, WarmupObservers twins, int connections, long deadlineNanos) {
        this.observers = setup.observers();
        this.connected = new WarmupConnections(setup, address);
        this.twins = twins;
        this.connections = connections;
        this.deadlineNanos = deadlineNanos;
    }

    /** Opens {@code lanes} connections, each followed by the next when it closes; completes when all lanes end. */
    CompletableFuture<Void> run(int lanes) {
        lanesRunning.set(lanes);
        for (int i = 0; i < lanes; i++) {
            openNext();
        }
        return done;
    }

    /** Stops the lanes and closes every connection still open, their requests in flight or not. */
    void closeAll() {
        done.complete(null);
        connected.closeAll();
    }

    int connectionsOpened() {
        return opened.get();
    }

    long requestsAnswered() {
        return answered.get();
    }

    private void openNext() {
        int n = started.getAndIncrement();
        if (n >= connections || System.nanoTime() - deadlineNanos > 0 || done.isDone()) {
            if (lanesRunning.decrementAndGet() == 0) {
                done.complete(null);
            }
            return;
        }
        if (n > 0 && n % ROUND_CONNECTIONS == 0) {
            endRound();
        }
        observers.observeWarmupRequests(twins.forConnection(n));
        connected.connect(new Connection(n), this::closed).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                opened.incrementAndGet();
            } else {
                done.completeExceptionally(f.cause());
            }
        });
    }

    private void closed(Channel ch) {
        // Never inline: a close can run while the loop goes through a batch of ready sockets, and a socket opened then
        // may get the number of one closed in that batch, and with it that one's events.
        if (ch.hasAttr(ROUND_ENDED)) {
            ch.eventLoop().schedule(this::openNext, ROUND_PAUSE_NANOS, TimeUnit.NANOSECONDS);
        } else {
            ch.eventLoop().execute(this::openNext);
        }
    }

    /** Drops every open connection at once, half of them with a reset. */
    private void endRound() {
        boolean reset = false;
        for (Channel ch : connected.openNow()) {
            boolean withReset = reset;
            ch.eventLoop().execute(() -> drop(ch, withReset));
            reset = !reset;
        }
    }

    private static void drop(Channel ch, boolean reset) {
        if (!ch.isActive()) {
            return; // it ended on its own meanwhile
        }
        ch.attr(ROUND_ENDED).set(Boolean.TRUE);
        close(ch, reset);
        // A program that has not seen its connection close yet still writes to it: Netty fails the write, and that
        // path is then in the profile of the write and flush code that the balancer shares with every connection.
        ch.write(Unpooled.EMPTY_BUFFER, ch.voidPromise());
        ch.flush();
    }

    /** Closes {@code ch}; with {@code reset}, abortively (SO_LINGER 0: an RST, not a FIN). */
    private static void close(Channel ch, boolean reset) {
        if (reset) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ch.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private final class Connection extends ChannelInboundHandlerAdapter {
        private final int n;
        private int unsent;

        Connection(int n) {
            this.n = n;
            this.unsent = 1 + n % MAX_REQUESTS_PER_CONNECTION;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            unsent--;
            boolean last = unsent == 0;
            byte[] request = last && n % CLOSE_EVERY == 0 ? LAST_REQUEST : REQUESTS[(n + unsent) % REQUESTS.length];
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
            if (last && n % ABORT_EVERY == 0) {
                // Half of them with a reset, as a client killed mid-request does: the balancer reads an error.
                close(ctx.channel(), n % (2 * ABORT_EVERY) == 0);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean end;
            if (msg instanceof ResponseHead head) {
                end = head.wholeResponse();
            } else {
                end = msg instanceof BodyPart part && (part.last || part.malformed);
            }
            ReferenceCountUtil.release(msg);
            if (!end) {
                return;
            }
            answered.incrementAndGet();
            if (unsent > 0) {
                send(ctx);
            } else {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
