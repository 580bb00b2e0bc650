package gale.balancer.internal;

import gale.balancer.BalancerError;
import gale.balancer.RetryCause;
import gale.balancer.TargetReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads a request, picks a target, relays both ways with backpressure, and answers itself
 * (with {@code X-Gale-Error}) when it must. Reading pauses (auto-read off) whenever the other side can't take more: the
 * target's connection is not writable, it is still being opened, or pipelined requests pile up; toggling auto-read
 * only then, instead of asking for every read, saves two epoll_ctl calls per request. Writes are flushed when the
 * loop's pass over the ready sockets ends ({@link FlushBatch}).
 *
 * <p>A hot path: kept in one class so the state machine reads in one place.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger access = LoggerFactory.getLogger("gale.access");
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);
    /** How long a connection we close after an error keeps reading (and discarding) so the client sees the error. */
    private static final long LINGER_MILLIS = 2000;
    /** Messages held (pipelined requests, or body parts while connecting) before reading pauses. */
    private static final int MAX_QUEUED = 8;
    /** Quiet ticks that make a client idle: it is closed between 1 and 1.25 idle timeouts after its last byte. */
    private static final int IDLE_TICKS = 4;

    private final BalancerRuntime runtime;
    private final ListenerRuntime listener;
    private final LoopContext loop;
    private final long requestTimeoutNanos;
    private ChannelHandlerContext ctx;
    private String clientIp = "";
    private byte[] clientIpBytes = new byte[0];
    private Exchange ex;
    private ArrayDeque<Object> pipelined;
    private boolean closing;
    private ScheduledFuture<?> timer;
    private boolean paused;
    /** Idle detection without a per-read clock: a tick every quarter of the idle timeout counts quiet ticks. */
    private ScheduledFuture<?> idleTicker;

    private boolean readSinceTick;
    private int quietTicks;

    FrontendHandler(BalancerRuntime runtime, ListenerRuntime listener, LoopContext loop) {
        this.runtime = runtime;
        this.listener = listener;
        this.loop = loop;
        this.requestTimeoutNanos = listener.limits.requestTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        runtime.requestObserver().connectionOpened(listener.port);
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            clientIp = remote.getAddress().getHostAddress();
            clientIpBytes = clientIp.getBytes(StandardCharsets.US_ASCII);
        }
        if (listener.connections.incrementAndGet() > listener.limits.maxConnections()) {
            reject(BalancerError.CONNECTION_LIMIT, null, true, false, null);
            return;
        }
        long tick = Math.max(1, listener.limits.clientIdleTimeout().toNanos() / IDLE_TICKS);
        idleTicker = ctx.executor().scheduleAtFixedRate(this::idleTick, tick, tick, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.connections.decrementAndGet();
        runtime.requestObserver().connectionClosed(listener.port);
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (idleTicker != null) {
            idleTicker.cancel(false);
            idleTicker = null;
        }
        Exchange e = ex;
        if (e != null) {
            ex = null;
            BackendHandler b = e.backend;
            if (b != null && e.sentLast && !e.closeClient && !e.target.draining()) {
                detach(e, b); // the target has the whole request: let it answer, and keep the connection
                b.discardResponse(e.responseStarted, e.backendKeepAlive);
            }
            abandon(e);
        }
        if (pipelined != null) {
            pipelined.forEach(ReferenceCountUtil::release);
            pipelined.clear();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readSinceTick = true;
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
        Exchange e = ex;
        if (e != null && (e.requestComplete || msg instanceof RequestHead)) {
            if (pipelined == null) {
                pipelined = new ArrayDeque<>(4);
            }
            pipelined.add(msg);
            return;
        }
        if (msg instanceof RequestHead request) {
            onRequest(request);
        } else if (msg instanceof BodyPart part && e != null) {
            onRequestContent(e, part);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Handles queued messages until one has to wait for the response in progress. */
    private void drainPipelined() {
        ArrayDeque<Object> queue = pipelined;
        Object msg;
        while ((msg = queue.peek()) != null) {
            Exchange e = ex;
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
        Exchange e = ex;
        if (e != null && e.backend != null) {
            loop.flushes.add(e.backend.channel);
        }
        updateReading();
    }

    /** Pauses reading from the client while the other side can't take more, and resumes it once it can. */
    private void updateReading() {
        if (closing) {
            return;
        }
        Exchange e = ex;
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
        Exchange e = ex;
        if (ctx.channel().isWritable() && e != null && e.backend != null) {
            e.backend.channel.config().setAutoRead(true);
        }
    }

    private void idleTick() {
        Exchange e = ex;
        boolean waitingForClient = e == null || (!e.requestComplete && !e.responseStarted);
        if (readSinceTick || !waitingForClient || closing) {
            readSinceTick = false;
            quietTicks = 0;
            return;
        }
        if (++quietTicks < IDLE_TICKS) {
            return;
        }
        quietTicks = 0;
        if (e == null) {
            closeClient(); // idle keep-alive connection: ALB closes it without a word, so do we
        } else {
            ex = null;
            abandon(e);
            reject(BalancerError.CLIENT_TIMEOUT, e.group, true, e.head, e.target);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Client connection from {} failed", clientIp, cause);
        closeClient();
    }

    // ---- requests

    private void onRequest(RequestHead request) {
        if (request.error != null) {
            reject(request.error, null, true, false, null);
            return;
        }
        boolean head = request.head();
        if (request.contentLength > listener.limits.maxBodyBytes()) {
            reject(BalancerError.BODY_TOO_LARGE, null, true, head, null);
            return;
        }
        TargetGroupImpl group = listener.route(request);
        Exchange e = new Exchange(request, group, System.nanoTime(), requestTimeoutNanos);
        boolean hold = group.holdNanos > 0 && group.mustHold();
        Target target = hold ? null : group.pick(e.tried, 0);
        if (target == null && !hold) {
            reject(group.noTargetError(), group, !e.bodyless || !e.clientKeepAlive, head, null);
            return;
        }
        ex = e;
        if (hold) {
            hold(e);
            return;
        }
        if (timer == null) {
            timer = ctx.executor().schedule(this::onTimer, requestTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        attempt(e, target, false, false);
    }

    private void onRequestContent(Exchange e, BodyPart part) {
        if (part.malformed) {
            refuseBody(e, BalancerError.MALFORMED);
            return;
        }
        int n = part.content().readableBytes();
        if (n > 0) {
            e.bodyBytes += n;
            if (e.bodyBytes > listener.limits.maxBodyBytes()) {
                part.release();
                refuseBody(e, BalancerError.BODY_TOO_LARGE);
                return;
            }
        }
        if (part.last) {
            e.requestComplete = true;
        }
        BackendHandler b = e.backend;
        if (b != null) {
            b.channel.write(part.content(), b.channel.voidPromise());
            if (n > 0) {
                e.contentWritten = true;
            }
            if (part.last) {
                e.sentLast = true;
            }
        } else {
            e.queue(part);
        }
    }

    /** Ends an exchange whose body can't go on: with an answer, unless the target's has started already. */
    private void refuseBody(Exchange e, BalancerError error) {
        ex = null;
        abandon(e);
        if (e.responseStarted) {
            closeClient();
        } else {
            reject(error, e.group, true, e.head, e.target);
        }
    }

    /** Sends the exchange to {@code target}, on a pooled connection unless {@code fresh}. */
    private void attempt(Exchange e, Target target, boolean fresh, boolean flush) {
        e.target = target;
        e.tried[e.attempts++] = target;
        e.responseStarted = false;
        e.counted = true;
        target.requestStarted();
        BackendHandler pooled = fresh ? null : target.pools[loop.index].acquire(e.startNanos);
        if (pooled != null) {
            e.reused = true;
            attach(e, pooled, flush);
            return;
        }
        e.reused = false;
        BackendHandler b = new BackendHandler(target, loop);
        ChannelFuture connect = loop.backend.clone().handler(b.initializer()).connect(target.address);
        e.connecting = connect;
        connect.addListener((ChannelFuture f) -> {
            if (ex != e || e.connecting != f) {
                if (f.isSuccess()) {
                    f.channel().close();
                }
                return;
            }
            e.connecting = null;
            if (f.isSuccess()) {
                attach(e, b, true);
            } else {
                connectFailed(e, target, f.cause());
            }
        });
    }

    private void attach(Exchange e, BackendHandler b, boolean flush) {
        e.backend = b;
        b.front = this;
        b.decoder.answeringHead(e.head);
        Channel bc = b.channel;
        bc.write(e.request.forward(bc.alloc(), clientIpBytes, listener.portBytes), bc.voidPromise());
        e.sentLast = e.bodyless;
        if (e.queued != null && !e.queued.isEmpty()) {
            for (BodyPart part : e.queued) {
                if (part.content().isReadable()) {
                    e.contentWritten = true;
                }
                if (part.last) {
                    e.sentLast = true;
                }
                bc.write(part.content(), bc.voidPromise());
            }
            e.queued.clear();
        }
        if (flush) {
            bc.flush();
            updateReading();
        }
    }

    private void connectFailed(Exchange e, Target target, Throwable cause) {
        finish(e);
        BalancerError error = cause instanceof ConnectTimeoutException
                ? BalancerError.TARGET_CONNECT_TIMEOUT
                : BalancerError.TARGET_REFUSED;
        if (cause instanceof ConnectException) {
            target.markDown(TargetReason.CONNECTION_REFUSED, "connection refused");
        }
        if (e.attempts < Exchange.MAX_ATTEMPTS && e.canResend()) {
            Target next = e.group.pick(e.tried, e.attempts);
            if (next != null) {
                runtime.requestObserver().retried(listener.port, e.group.name(), target.id, RetryCause.CONNECT_FAILED);
                attempt(e, next, false, true);
                return;
            }
        }
        fail(e, error);
    }

    // ---- holding while the group has no target (scale to zero)

    /** Waits for the group's first healthy target, or routes at once if one turned healthy meanwhile. */
    private void hold(Exchange e) {
        switch (e.group.hold(this)) {
            case HELD -> {
                e.held = true;
                e.holdDeadlineNanos = System.nanoTime() + e.group.holdNanos;
                restartTimer(e.group.holdNanos);
                runtime.requestObserver().requestHeld(listener.port, e.group.name());
            }
            case FULL -> failNoTarget(e, BalancerError.NO_TARGET);
            case ROUTE -> route(e);
        }
    }

    /** Called by the group, on any thread, once a target is healthy. */
    void wake() {
        try {
            ctx.executor().execute(this::released);
        } catch (RuntimeException closing) { // the balancer is shutting down: the connection goes with it
            log.debug("Held request dropped at shutdown", closing);
        }
    }

    private void released() {
        Exchange e = ex;
        if (e == null || !e.held || closing) {
            return; // timed out or gone meanwhile
        }
        e.held = false;
        if (e.group.mustHold()) { // the target went away again
            hold(e);
            return;
        }
        route(e);
    }

    private void route(Exchange e) {
        Target target = e.group.pick(e.tried, 0);
        if (target == null) {
            failNoTarget(e, e.group.noTargetError());
            return;
        }
        e.deadlineNanos = System.nanoTime() + requestTimeoutNanos; // the wait doesn't eat into the target's time
        restartTimer(requestTimeoutNanos);
        attempt(e, target, false, true);
    }

    private void restartTimer(long nanos) {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = ctx.executor().schedule(this::onTimer, nanos, TimeUnit.NANOSECONDS);
    }

    /** Answers a request no target took; the connection stays open when the request has been read whole. */
    private void failNoTarget(Exchange e, BalancerError error) {
        ex = null;
        e.releaseQueued();
        reject(error, e.group, !e.clientKeepAlive || !(e.bodyless || e.requestComplete), e.head, null);
    }

    // ---- responses (called by BackendHandler on this event loop)

    void onResponseHead(BackendHandler b, ResponseHead response) {
        Exchange e = ex;
        if (response.failed()) {
            responseBroken(e, b);
            return;
        }
        if (response.informational()) {
            ctx.write(response.forward(ctx.alloc(), ResponseHead.ConnectionField.NONE), ctx.voidPromise());
            return;
        }
        e.responseStarted = true;
        e.status = response.status;
        e.backendKeepAlive = response.keepAlive();
        long seconds = response.keepAliveTimeoutSeconds();
        if (seconds >= 0) {
            e.target.keepAliveHint(seconds);
        }
        e.closeClient = response.body == ResponseHead.Body.UNTIL_CLOSE;
        ResponseHead.ConnectionField connection;
        if (!e.clientKeepAlive || e.closeClient) {
            connection = ResponseHead.ConnectionField.CLOSE;
        } else if (e.http10) {
            connection = ResponseHead.ConnectionField.KEEP_ALIVE;
        } else {
            connection = ResponseHead.ConnectionField.NONE;
        }
        ctx.write(response.forward(ctx.alloc(), connection), ctx.voidPromise());
        if (response.wholeResponse()) {
            complete(e, b);
        }
    }

    void onResponseContent(BackendHandler b, BodyPart part) {
        Exchange e = ex;
        if (part.malformed) {
            responseBroken(e, b);
            return;
        }
        e.progress++;
        ctx.write(part.content(), ctx.voidPromise());
        if (part.last) {
            complete(e, b);
        }
    }

    /** The target sent what can't be read as a response: 502 if nothing was relayed yet, else cut the client off. */
    private void responseBroken(Exchange e, BackendHandler b) {
        detach(e, b);
        b.channel.close();
        finish(e);
        if (e.responseStarted) {
            ex = null;
            closeClient();
        } else {
            fail(e, BalancerError.BAD_RESPONSE);
        }
    }

    void backendReadComplete(BackendHandler b) {
        loop.flushes.add(ctx.channel());
        if (!ctx.channel().isWritable()) {
            b.channel.config().setAutoRead(false);
        }
    }

    void backendWritable(BackendHandler b) {
        Exchange e = ex;
        if (e != null && e.backend == b) {
            updateReading();
        }
    }

    private void complete(Exchange e, BackendHandler b) {
        long now = System.nanoTime();
        ex = null;
        detach(e, b);
        Target target = e.target;
        finish(e);
        if (e.backendKeepAlive && e.sentLast && !target.draining()) {
            b.channel.config().setAutoRead(true);
            target.pools[loop.index].release(b, now);
        } else {
            b.channel.close();
        }
        runtime.requestObserver()
                .requestCompleted(listener.port, e.group.name(), target.id, e.status, now - e.startNanos);
        if (access.isDebugEnabled()) {
            access.debug(
                    "{} {} {} {} -> {} {} {} us",
                    listener.port,
                    clientIp,
                    e.request.method,
                    e.request.uri(),
                    target,
                    e.status,
                    (now - e.startNanos) / 1000);
        }
        if (!e.clientKeepAlive || e.closeClient || !e.requestComplete) {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        loop.flushes.add(ctx.channel());
        nextRequest();
    }

    private void nextRequest() {
        if (pipelined != null) {
            drainPipelined();
        }
        afterReads();
    }

    /** The connection to the target failed: try again where that is safe, or say why. */
    void backendFailed(BackendHandler b, Throwable cause) {
        Exchange e = ex;
        if (e == null || e.backend != b) {
            return;
        }
        detach(e, b);
        b.channel.close();
        Target target = e.target;
        finish(e);
        boolean reset = Failures.isReset(cause);
        if (e.responseStarted) {
            if (reset) {
                target.markDown(TargetReason.CONNECTION_RESET, "connection reset during a response");
            }
            ex = null;
            logAccess(
                    reset ? BalancerError.TARGET_RESET : BalancerError.TARGET_CLOSED,
                    e.group,
                    e.target,
                    "response cut off");
            closeClient();
            return;
        }
        if (reset && !e.reused) {
            target.markDown(TargetReason.CONNECTION_RESET, "connection reset before a response");
        }
        // A pooled connection found closed when the request was written: it certainly never reached the target.
        boolean neverReached = e.reused && cause instanceof ClosedChannelException;
        if (e.attempts < Exchange.MAX_ATTEMPTS
                && e.canResend()
                && (neverReached || (e.idempotent && !e.noResponseRetried))) {
            RetryCause why = neverReached ? RetryCause.POOLED_CONNECTION_CLOSED : RetryCause.NO_RESPONSE;
            if (!neverReached) {
                e.noResponseRetried = true;
            }
            Target next = e.group.pick(e.tried, e.attempts);
            boolean fresh = false;
            if (next == null && !target.draining()) { // the only target: a fresh connection is still worth a try
                next = target;
                fresh = true;
            }
            if (next != null) {
                runtime.requestObserver().retried(listener.port, e.group.name(), target.id, why);
                attempt(e, next, fresh, true);
                return;
            }
        }
        fail(e, reset ? BalancerError.TARGET_RESET : BalancerError.TARGET_CLOSED);
    }

    private static void detach(Exchange e, BackendHandler b) {
        b.front = null;
        e.backend = null;
    }

    // ---- timeouts

    private void onTimer() {
        timer = null;
        Exchange e = ex;
        if (e == null || closing) {
            return;
        }
        long now = System.nanoTime();
        if (e.held) {
            long left = e.holdDeadlineNanos - now;
            if (left <= 0) {
                e.held = false;
                e.group.unhold(this);
                failNoTarget(e, BalancerError.NO_TARGET_HOLD_TIMEOUT);
            } else {
                timer = ctx.executor().schedule(this::onTimer, left, TimeUnit.NANOSECONDS);
            }
            return;
        }
        if (!e.responseStarted) {
            long left = e.deadlineNanos - now;
            if (left <= 0) {
                ex = null;
                abandon(e);
                reject(
                        BalancerError.TARGET_TIMEOUT,
                        e.group,
                        !(e.clientKeepAlive && e.requestComplete),
                        e.head,
                        e.target);
                return;
            }
            timer = ctx.executor().schedule(this::onTimer, left, TimeUnit.NANOSECONDS);
            return;
        }
        if (e.progress == e.progressSeen) { // the target stopped sending mid-response
            ex = null;
            abandon(e);
            logAccess(BalancerError.TARGET_TIMEOUT, e.group, e.target, "response stalled");
            closeClient();
            return;
        }
        e.progressSeen = e.progress;
        timer = ctx.executor().schedule(this::onTimer, requestTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Drops whatever the exchange holds: its backend connection can't be reused mid-request. */
    private void abandon(Exchange e) {
        if (e.held) {
            e.held = false;
            e.group.unhold(this);
        }
        BackendHandler b = e.backend;
        if (b != null) {
            detach(e, b);
            b.channel.close();
        }
        if (e.connecting != null) {
            e.connecting.channel().close();
            e.connecting = null;
        }
        finish(e);
        e.releaseQueued();
    }

    /** Ends the current attempt's in-flight count, once. */
    private static void finish(Exchange e) {
        if (e.counted) {
            e.counted = false;
            e.target.requestFinished();
        }
    }

    // ---- answers of our own

    private void fail(Exchange e, BalancerError error) {
        ex = null;
        e.releaseQueued();
        reject(error, e.group, !(e.clientKeepAlive && e.requestComplete), e.head, e.target);
    }

    private void reject(BalancerError error, TargetGroupImpl group, boolean close, boolean head, Target target) {
        runtime.requestObserver().rejected(listener.port, group == null ? null : group.name(), error);
        logAccess(error, group, target, "");
        ByteBuf response = ErrorResponses.of(error, ctx.alloc(), close, head);
        if (!close) {
            ctx.writeAndFlush(response, ctx.voidPromise());
            nextRequest();
            return;
        }
        closing = true;
        ctx.writeAndFlush(response).addListener((ChannelFuture f) -> linger(f.channel()));
    }

    /** Half-closes, then reads and discards what the client still sends, so it reads our answer instead of a reset. */
    private void linger(Channel ch) {
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            ch.close();
            return;
        }
        duplex.shutdownOutput().addListener(f -> {
            ch.config().setAutoRead(true); // discard what the client still sends
            ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Closes the client connection after sending what was written to it: flushes wait for the end of the loop's
     * pass ({@link FlushBatch}), and a close would discard them.
     */
    private void closeClient() {
        ctx.flush();
        ctx.close();
    }

    private void logAccess(BalancerError error, TargetGroupImpl group, Target target, String detail) {
        access.info(
                "{} {} -> {} {} group={} target={}{}{}",
                listener.port,
                clientIp,
                error.status(),
                error.header(),
                group == null ? "-" : group.name(),
                target == null ? "-" : target.id,
                detail.isEmpty() ? "" : " ",
                detail);
    }
}
