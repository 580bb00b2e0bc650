package gale.balancer.internal.proxy;

import gale.balancer.internal.group.Target;
import gale.balancer.internal.http1.BodyPart;
import gale.balancer.internal.http1.ResponseDecoder;
import gale.balancer.internal.http1.ResponseHead;
import gale.balancer.internal.loop.LoopResources;
import gale.balancer.internal.pool.PooledConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection to a target, on the event loop of the client connections it serves. While a request is
 * in flight it hands everything to that client's {@link FrontendHandler}; while pooled it only watches for the target
 * closing it; after its client went away it reads the rest of the response and drops it ({@link #discardResponse}).
 */
final class BackendHandler extends PooledConnection {
    /** An abandoned response that takes longer than this to end costs its connection instead. */
    static final long DISCARD_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Nor is a response worth reading this much of, only to drop it. */
    static final long DISCARD_LIMIT_BYTES = 256 * 1024;

    final Target target;
    final LoopResources loop;
    final ResponseDecoder decoder = new ResponseDecoder();
    FrontendHandler front;
    /** Set while an abandoned response is read and dropped: closes the connection if it does not end in time. */
    private ScheduledFuture<?> discarding;

    private boolean discardKeepAlive;
    private long discardedBytes;

    BackendHandler(Target target, LoopResources loop) {
        this.target = target;
        this.loop = loop;
    }

    ChannelInitializer<Channel> initializer() {
        BackendHandler self = this;
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(decoder, self);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        target.connected(channel);
    }

    /**
     * The target stopped answering its health checks: an idempotent request still waiting here for its first response
     * byte goes to another target now rather than at its timeout, as it would after a failed connection.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event != Target.STOPPED_ANSWERING) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        FrontendHandler f = front;
        ProxyExchange e = f == null ? null : f.ex;
        if (e != null && e.backend == this && !e.responseStarted && e.idempotent && e.canResend()) {
            f.backendFailed(this, StoppedAnswering.INSTANCE);
        }
    }

    /** Why a request left a target that stopped answering; preallocated, without a stack trace. */
    static final class StoppedAnswering extends java.io.IOException {
        static final StoppedAnswering INSTANCE = new StoppedAnswering();

        private StoppedAnswering() {
            super("the target stopped answering its health checks");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendHandler f = front;
        if (f == null) {
            if (discarding != null) {
                discard(msg);
                return;
            }
            // a target talking on an idle connection: nothing can trust this connection any more
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof ResponseHead head) {
            f.onResponseHead(this, head);
        } else if (msg instanceof BodyPart part) {
            f.onResponseContent(this, part);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * The client went away after its whole request was sent: read the rest of the response and pool the connection
     * when it ends, rather than close it and open another for the next request. A load generator that stops leaves
     * one request in flight on each connection, and reopening all of them held up its next burst.
     *
     * @param headSeen the response's head has been read already
     * @param keepAlive what that head said; ignored when it has not been read
     */
    void discardResponse(boolean headSeen, boolean keepAlive) {
        discardKeepAlive = headSeen && keepAlive;
        discardedBytes = 0;
        Channel ch = channel;
        discarding = loop.loop.schedule(() -> ch.close(), DISCARD_LIMIT_NANOS, TimeUnit.NANOSECONDS);
        channel.config().setAutoRead(true);
        channel.flush();
    }

    /** One message of an abandoned response: dropped, and the connection pooled or closed when the response ends. */
    private void discard(Object msg) {
        boolean end = false;
        if (msg instanceof ResponseHead head) {
            if (head.failed() || head.body == ResponseHead.Body.UNTIL_CLOSE) {
                channel.close();
                return;
            }
            if (head.informational()) {
                return;
            }
            discardKeepAlive = head.keepAlive();
            end = head.wholeResponse();
        } else if (msg instanceof BodyPart part) {
            discardedBytes += part.content().readableBytes();
            end = part.last;
            part.release();
            if (part.malformed || discardedBytes > DISCARD_LIMIT_BYTES) {
                channel.close();
                return;
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
        if (!end) {
            return;
        }
        discarding.cancel(false);
        discarding = null;
        release(discardKeepAlive, System.nanoTime());
    }

    /** The response has ended: back to the pool when the target keeps the connection and still serves, else closed. */
    void release(boolean keepAlive, long nowNanos) {
        if (keepAlive && !target.draining()) {
            channel.config().setAutoRead(true);
            target.pools[loop.index].release(this, nowNanos);
        } else {
            channel.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        FrontendHandler f = front;
        if (f != null) {
            f.backendReadComplete(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        FrontendHandler f = front;
        if (f != null && ctx.channel().isWritable()) {
            f.backendWritable(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (discarding != null) {
            discarding.cancel(false);
            discarding = null;
        }
        if (pooled()) {
            target.pools[loop.index].remove(this);
        }
        FrontendHandler f = front;
        if (f != null) {
            f.backendFailed(this, null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FrontendHandler f = front;
        if (f != null) {
            f.backendFailed(this, cause);
        }
        ctx.close();
    }
}
