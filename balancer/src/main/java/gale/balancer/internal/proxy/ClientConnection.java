package gale.balancer.internal.proxy;

import gale.balancer.BalancerError;
import gale.balancer.DesyncClassification;
import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.http1.BodyPart;
import gale.balancer.internal.http1.DesyncReason;
import gale.balancer.internal.http1.RequestDecoder;
import gale.balancer.internal.http1.RequestHead;
import gale.balancer.internal.loop.FlushBatch;
import gale.balancer.internal.loop.LoopResources;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client connection does whatever it carries: counts itself against the listener's limit, hands requests on in
 * order (holding pipelined ones while one is in progress), pauses reading while the other side can't take more,
 * closes when idle, and answers with an error of its own. Reading pauses by auto-read off, toggled only when that
 * changes: asking for every read would cost two epoll_ctl calls per request. Its clocks are {@link ClientTimeouts}'.
 * {@link FrontendHandler}, its one subclass, carries each request through to a target.
 */
abstract class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** Messages held (pipelined requests, or body parts while connecting) before reading pauses. */
    private static final int MAX_QUEUED = 8;

    final Observers observers;
    final ListenerRuntime listener;
    final LoopResources loop;
    ChannelHandlerContext ctx;
    String clientIp = "";
    byte[] clientIpBytes = new byte[0];
    /** The request in progress, or null. */
    ProxyExchange ex;
    /** Set once the connection is to close: nothing more is read from it. */
    boolean closing;

    private ArrayDeque<Object> pipelined;
    private boolean paused;
    private ClientTimeouts timeouts;

    ClientConnection(Observers observers, ListenerRuntime listener, LoopResources loop) {
        this.observers = observers;
        this.listener = listener;
        this.loop = loop;
    }

    /** A request head, when no request is in progress. */
    abstract void onRequest(RequestHead request);

    /** A part of the body of the request in progress. */
    abstract void onRequestContent(ProxyExchange e, BodyPart part);

    /** The client stopped sending in the middle of request {@code e}. */
    abstract void onClientIdle(ProxyExchange e);

    /** The connection is closed; {@code e} is the request in progress, or null. */
    abstract void onClosed(ProxyExchange e);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        observers.requests().connectionOpened(listener.port);
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            clientIp = remote.getAddress().getHostAddress();
            clientIpBytes = clientIp.getBytes(StandardCharsets.US_ASCII);
        }
        timeouts = new ClientTimeouts(this, ctx.pipeline().get(RequestDecoder.class));
        if (listener.connections.incrementAndGet() > listener.limits.maxConnections()) {
            reject(BalancerError.CONNECTION_LIMIT, null, true, false, null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.connections.decrementAndGet();
        observers.requests().connectionClosed(listener.port);
        if (timeouts != null) {
            timeouts.stop();
        }
        ProxyExchange e = ex;
        ex = null;
        onClosed(e);
        if (pipelined != null) {
            pipelined.forEach(ReferenceCountUtil::release);
            pipelined.clear();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        timeouts.read();
        classified(msg);
        if (pipelined != null && !pipelined.isEmpty()) { // keep the order behind what waits already
            pipelined.add(msg);
            drainPipelined();
        } else {
            handle(msg);
        }
    }

    private void handle(Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ProxyExchange e = ex;
        if (e != null && (e.requestComplete || msg instanceof RequestHead)) {
            if (pipelined == null) {
                pipelined = new ArrayDeque<>(4);
            }
            pipelined.add(msg);
            return;
        }
        if (msg instanceof RequestHead request) {
            timeouts.headReceived();
            onRequest(request);
        } else if (msg instanceof BodyPart part && e != null) {
            onRequestContent(e, part);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Counts each request head by its desync classification, and a chunked body found malformed as Severe. */
    private void classified(Object msg) {
        if (msg instanceof RequestHead request && request.desync != null) {
            observers.requests().desyncClassified(listener.port, listener.desyncMode, request.desync.classification());
        } else if (msg instanceof BodyPart part && part.malformed) {
            observers.requests().desyncClassified(listener.port, listener.desyncMode, DesyncClassification.SEVERE);
        }
    }

    /** Handles queued messages until one has to wait for the response in progress. */
    private void drainPipelined() {
        ArrayDeque<Object> queue = pipelined;
        Object msg;
        while ((msg = queue.peek()) != null) {
            ProxyExchange e = ex;
            if (!closing && e != null && (e.requestComplete || msg instanceof RequestHead)) {
                return;
            }
            queue.poll();
            handle(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        afterReads();
    }

    private void afterReads() {
        ProxyExchange e = ex;
        if (e == null) {
            if (timeouts != null) {
                timeouts.betweenRequests();
            }
        } else if (e.backend != null) {
            loop.flushes.add(e.backend.channel);
        }
        updateReading();
    }

    /** The request in progress is answered: the next one, if it came already, goes on. */
    final void nextRequest() {
        if (pipelined != null) {
            drainPipelined();
        }
        afterReads();
    }

    /** Pauses reading from the client while the other side can't take more, and resumes it once it can. */
    final void updateReading() {
        if (closing) {
            return;
        }
        ProxyExchange e = ex;
        boolean pause = (pipelined != null && pipelined.size() >= MAX_QUEUED)
                || (e != null
                        && !e.requestComplete
                        && (e.backend == null
                                ? e.queued != null && e.queued.size() >= MAX_QUEUED
                                : !e.backend.channel.isWritable()));
        if (pause != paused) {
            paused = pause;
            ctx.channel().config().setAutoRead(!pause);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ProxyExchange e = ex;
        if (ctx.channel().isWritable() && e != null && e.backend != null) {
            e.backend.channel.config().setAutoRead(true);
        }
    }

    /** Whether the balancer stopped reading from the client because the other side can't take more. */
    final boolean readingPaused() {
        return paused;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Client connection from {} failed", clientIp, cause);
        closeClient();
    }

    /** Answers {@code error} in the balancer's name; closes the connection after it when {@code close}. */
    final void reject(BalancerError error, TargetGroupImpl group, boolean close, boolean head, Target target) {
        reject(
                error,
                group,
                close,
                head,
                target,
                error == BalancerError.MALFORMED_BODY ? DesyncReason.BAD_CHUNKED_BODY : null);
    }

    /** Answers a head the decoder refused, with its desync classification when it has one, and closes. */
    final void refuse(RequestHead request) {
        reject(request.error, null, true, false, null, request.desync);
    }

    private void reject(
            BalancerError error,
            TargetGroupImpl group,
            boolean close,
            boolean head,
            Target target,
            DesyncReason desync) {
        observers.requests().rejected(listener.port, group == null ? null : group.name(), error);
        AccessLog.failed(listener, clientIp, error, group, target, AccessLog.desync(desync));
        answer(ErrorResponses.of(error, ctx.alloc(), close, head, desync), close);
    }

    /** Sends a response of the balancer's own; closes the connection after it when {@code close}. */
    final void answer(ByteBuf response, boolean close) {
        if (!close) {
            ctx.writeAndFlush(response, ctx.voidPromise());
            nextRequest();
            return;
        }
        closing = true;
        ctx.writeAndFlush(response).addListener((ChannelFuture f) -> ErrorResponses.linger(f.channel()));
    }

    /**
     * Closes the client connection after sending what was written to it: flushes wait for the end of the loop's
     * pass ({@link FlushBatch}), and a close would discard them.
     */
    final void closeClient() {
        ctx.flush();
        ctx.close();
    }
}
