package gale.balancer.internal.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code net-bandwidth} on one client connection: what the balancer writes goes out in small chunks, each after the
 * time its bytes take at the fault's rate, so a response of {@code n} bytes takes at least {@code n / rate} seconds
 * (Toxiproxy's bandwidth toxic). While more than {@link #HIGH_WATER} bytes wait here the connection reports itself
 * unwritable, so the target's response is read no faster than it leaves. Stays on the connection once put there and
 * lets writes through once the fault ended.
 */
final class BandwidthShaper extends ChannelDuplexHandler {
    static final int HIGH_WATER = 64 * 1024;
    /** A chunk is this share of a second's bytes: small enough to keep the rate even, large enough to be cheap. */
    private static final int CHUNKS_PER_SECOND = 50;
    /** The user-defined writability flag this handler owns (Netty's traffic shaping handlers use 1-3). */
    private static final int WRITABILITY_INDEX = 8;

    private record Pending(ByteBuf data, ChannelPromise promise) {}

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The fault drawn by the current request, or null; set and read on the connection's event loop. */
    private InjectedFault fault;

    private long queuedBytes;
    /** When the next chunk may go. */
    private long sendAtNanos;

    private ScheduledFuture<?> pump;
    private ChannelPromise closeAfter;

    void shapeFor(InjectedFault fault) {
        this.fault = fault;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf data) || (queue.isEmpty() && !shaping())) {
            ctx.write(msg, promise);
            return;
        }
        queue.add(new Pending(data, promise));
        queuedBytes += data.readableBytes();
        if (queuedBytes > HIGH_WATER) {
            writable(ctx, false);
        }
        if (pump == null) {
            long now = System.nanoTime();
            sendAtNanos = Math.max(sendAtNanos, now) + chunkNanos();
            schedule(ctx, sendAtNanos - now);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (queue.isEmpty()) {
            ctx.close(promise);
        } else {
            closeAfter = promise; // the bytes written before the close go first, at the rate
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pump != null) {
            pump.cancel(false);
            pump = null;
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            ReferenceCountUtil.release(p.data);
            if (!p.promise.isVoid()) {
                p.promise.tryFailure(ClosedBeforeSent.INSTANCE);
            }
        }
        queuedBytes = 0;
        ctx.fireChannelInactive();
    }

    private boolean shaping() {
        InjectedFault f = fault;
        return f != null && f.active();
    }

    private long chunkBytes() {
        return Math.max(1, fault.fault().bytesPerSecond() / CHUNKS_PER_SECOND);
    }

    private long chunkNanos() {
        return TimeUnit.SECONDS.toNanos(1) * chunkBytes() / fault.fault().bytesPerSecond();
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        pump = ctx.executor().schedule(() -> send(ctx), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Sends the chunks that are due, then waits for the next one. */
    private void send(ChannelHandlerContext ctx) {
        pump = null;
        long now = System.nanoTime();
        while (!queue.isEmpty()) {
            if (!shaping()) {
                Pending p;
                while ((p = queue.poll()) != null) {
                    ctx.write(p.data, p.promise);
                }
                queuedBytes = 0;
                break;
            }
            if (now < sendAtNanos) {
                schedule(ctx, sendAtNanos - now);
                break;
            }
            sendChunk(ctx);
            if (!queue.isEmpty()) {
                sendAtNanos += chunkNanos();
            }
        }
        ctx.flush();
        if (queuedBytes <= HIGH_WATER / 2) {
            writable(ctx, true);
        }
        if (queue.isEmpty() && closeAfter != null) {
            ChannelPromise close = closeAfter;
            closeAfter = null;
            ctx.close(close);
        }
    }

    /** One chunk's bytes off the queue's head; empty buffers (a flush with a promise) go with it. */
    private void sendChunk(ChannelHandlerContext ctx) {
        long budget = chunkBytes();
        Pending p;
        while (budget > 0 && (p = queue.peek()) != null) {
            int n = p.data.readableBytes();
            if (n <= budget) {
                queue.poll();
                queuedBytes -= n;
                budget -= n;
                ctx.write(p.data, p.promise);
            } else {
                ctx.write(p.data.readRetainedSlice((int) budget), ctx.voidPromise());
                queuedBytes -= budget;
                budget = 0;
            }
        }
        while ((p = queue.peek()) != null && !p.data.isReadable()) {
            queue.poll();
            ctx.write(p.data, p.promise);
        }
    }

    private static void writable(ChannelHandlerContext ctx, boolean writable) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null) {
            buffer.setUserDefinedWritability(WRITABILITY_INDEX, writable);
        }
    }

    /** Why a write still waiting here failed: the connection closed first. Preallocated, without a stack trace. */
    static final class ClosedBeforeSent extends java.io.IOException {
        static final ClosedBeforeSent INSTANCE = new ClosedBeforeSent();

        private ClosedBeforeSent() {
            super("the connection closed before the bytes left at the fault's rate");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
