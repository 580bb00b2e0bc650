package gale.balancer.internal.proxy;

import gale.balancer.BalancerError;
import gale.balancer.RetryCause;
import gale.balancer.TargetReason;
import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.group.Waiter;
import gale.balancer.internal.http1.BodyPart;
import gale.balancer.internal.http1.RequestHead;
import gale.balancer.internal.http1.ResponseHead;
import gale.balancer.internal.loop.LoopResources;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.net.ConnectException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's requests, each carried through to a target: pick one, send on a pooled or new connection,
 * relay the response with backpressure, try again where that is safe, hold while the group has no target, and time
 * out. The state machine is all here; its policies are helpers it calls ({@link Retries}, {@link ResponseRelay},
 * {@link ErrorResponses}, {@link AccessLog}, {@link FaultGate}, the hold queue through {@link Waiter}); what any client
 * connection does is {@link ClientConnection}'s. Writes are flushed when the loop's pass over the ready sockets ends.
 */
final class FrontendHandler extends ClientConnection implements Waiter {
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private final long requestTimeoutNanos;
    private ScheduledFuture<?> timer;

    FrontendHandler(Observers observers, ListenerRuntime listener, LoopResources loop) {
        super(observers, listener, loop);
        this.requestTimeoutNanos = listener.limits.requestTimeout().toNanos();
    }

    @Override
    void onClosed(ProxyExchange e) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (e != null) {
            e.clientClosed(this);
        }
    }

    @Override
    void onClientIdle(ProxyExchange e) {
        end(e, BalancerError.CLIENT_TIMEOUT, true);
    }

    // ---- requests

    @Override
    void onRequest(RequestHead request) {
        if (request.error != null) {
            refuse(request);
            return;
        }
        boolean head = request.head();
        if (request.contentLength > listener.limits.maxBodyBytes()) {
            reject(BalancerError.BODY_TOO_LARGE, null, true, head, null);
            return;
        }
        TargetGroupImpl group = listener.route(request);
        ProxyExchange e = new ProxyExchange(request, group, System.nanoTime(), requestTimeoutNanos);
        Target target = group.mustHold() ? null : group.pick(e.tried, 0);
        boolean hold = target == null && group.mustWait();
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

    @Override
    void onRequestContent(ProxyExchange e, BodyPart part) {
        if (part.malformed) {
            refuseBody(e, BalancerError.MALFORMED_BODY);
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
        e.forward(part, n);
    }

    /** Ends an exchange whose body can't go on: with an answer, unless the target's has started already. */
    private void refuseBody(ProxyExchange e, BalancerError error) {
        if (e.responseStarted) {
            ex = null;
            e.abandon(this);
            closeClient();
        } else {
            end(e, error, true);
        }
    }

    /** Sends the exchange to {@code target}, on a pooled connection unless {@code fresh}. */
    void attempt(ProxyExchange e, Target target, boolean fresh, boolean flush) {
        if (FaultGate.intercepts(this, e, target)) return;
        e.target = target;
        e.tried[e.attempts++] = target;
        e.responseStarted = false;
        e.counted = true;
        target.requestStarted();
        BackendHandler pooled = fresh ? null : (BackendHandler) target.pools[loop.index].acquire(e.startNanos);
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

    private void attach(ProxyExchange e, BackendHandler b, boolean flush) {
        e.backend = b;
        b.front = this;
        b.decoder.answeringHead(e.head);
        Channel bc = b.channel;
        bc.write(e.request.forward(bc.alloc(), clientIpBytes, listener.portBytes), bc.voidPromise());
        e.sentLast = e.bodyless;
        e.writeQueued(bc);
        if (flush) {
            bc.flush();
            updateReading();
        }
    }

    private void connectFailed(ProxyExchange e, Target target, Throwable cause) {
        e.finish();
        if (cause instanceof ConnectException) {
            target.markDown(TargetReason.CONNECTION_REFUSED, "connection refused");
        }
        Target next = Retries.afterConnectFailure(e);
        if (next != null) {
            observers.requests().retried(listener.port, e.group.name(), target.id, RetryCause.CONNECT_FAILED);
            attempt(e, next, false, true);
            return;
        }
        fail(e, ErrorResponses.connectFailed(cause));
    }

    // ---- waiting while the group has no target (scale to zero), or none with room (maxConnections: ConnectionQueue)

    /** Waits for the group's first healthy target or a free slot, or routes at once if one came meanwhile. */
    private void hold(ProxyExchange e) {
        switch (e.group.hold(this)) {
            case HELD, QUEUED -> {
                e.held = true;
                e.holdDeadlineNanos = System.nanoTime() + e.group.waitNanos(this);
                restartTimer(e.holdDeadlineNanos - System.nanoTime());
                observers.requests().requestHeld(listener.port, e.group.name());
            }
            case FULL -> failNoTarget(e, e.group.fullError());
            case ROUTE -> route(e);
        }
    }

    @Override
    public void wake() {
        try {
            ctx.executor().execute(this::released);
        } catch (RuntimeException closing) { // the balancer is shutting down: the connection goes with it
            log.debug("Held request dropped at shutdown", closing);
        }
    }

    private void released() {
        ProxyExchange e = ex;
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

    private void route(ProxyExchange e) {
        Target target = e.group.pickReleased(this, e.tried);
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
    private void failNoTarget(ProxyExchange e, BalancerError error) {
        ex = null;
        e.releaseQueued();
        reject(error, e.group, !e.clientKeepAlive || !(e.bodyless || e.requestComplete), e.head, null);
    }

    // ---- responses (called by BackendHandler on this event loop)

    void onResponseHead(BackendHandler b, ResponseHead response) {
        ProxyExchange e = ex;
        if (response.failed()) {
            responseBroken(e, b);
        } else if (ResponseRelay.forwardHead(ctx, e, response)) {
            complete(e, b);
        }
    }

    void onResponseContent(BackendHandler b, BodyPart part) {
        ProxyExchange e = ex;
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
    private void responseBroken(ProxyExchange e, BackendHandler b) {
        e.detach(b);
        b.channel.close();
        e.finish();
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
        ProxyExchange e = ex;
        if (e != null && e.backend == b) {
            updateReading();
        }
    }

    private void complete(ProxyExchange e, BackendHandler b) {
        long now = System.nanoTime();
        ex = null;
        e.detach(b);
        Target target = e.target;
        e.finish();
        b.release(e.backendKeepAlive && e.sentLast, now);
        observers.requests().requestCompleted(listener.port, e.group.name(), target.id, e.status, now - e.startNanos);
        AccessLog.completed(listener.port, clientIp, e, target, now);
        if (!e.clientKeepAlive || e.closeClient || !e.requestComplete) {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        loop.flushes.add(ctx.channel());
        nextRequest();
    }

    /** The connection to the target failed: try again where that is safe, or say why. */
    void backendFailed(BackendHandler b, Throwable cause) {
        ProxyExchange e = ex;
        if (e == null || e.backend != b) {
            return;
        }
        e.detach(b);
        b.channel.close();
        Target target = e.target;
        e.finish();
        boolean reset = Retries.isReset(cause);
        BalancerError error = reset ? BalancerError.TARGET_RESET : BalancerError.TARGET_CLOSED;
        if (e.responseStarted) {
            if (reset) {
                target.markDown(TargetReason.CONNECTION_RESET, "connection reset during a response");
            }
            ex = null;
            AccessLog.failed(listener, clientIp, error, e.group, target, "response cut off");
            closeClient();
            return;
        }
        if (reset && !e.reused) {
            target.markDown(TargetReason.CONNECTION_RESET, "connection reset before a response");
        }
        Retries.Retry retry = Retries.afterNoResponse(e, target, cause);
        if (retry != null) {
            observers.requests().retried(listener.port, e.group.name(), target.id, retry.cause());
            attempt(e, retry.target(), retry.fresh(), true);
            return;
        }
        fail(e, error);
    }

    // ---- timeouts

    private void onTimer() {
        timer = null;
        ProxyExchange e = ex;
        if (e == null || closing) {
            return;
        }
        long now = System.nanoTime();
        long left;
        if (e.held) {
            left = e.holdDeadlineNanos - now;
            if (left <= 0) {
                e.held = false;
                failNoTarget(e, e.group.timedOut(this));
                return;
            }
        } else if (!e.responseStarted) {
            left = e.deadlineNanos - now;
            if (left <= 0) {
                end(e, BalancerError.TARGET_TIMEOUT, !(e.clientKeepAlive && e.requestComplete));
                return;
            }
        } else if (e.progress == e.progressSeen) { // the target stopped sending mid-response
            ex = null;
            e.abandon(this);
            AccessLog.failed(listener, clientIp, BalancerError.TARGET_TIMEOUT, e.group, e.target, "response stalled");
            closeClient();
            return;
        } else {
            e.progressSeen = e.progress;
            left = requestTimeoutNanos;
        }
        timer = ctx.executor().schedule(this::onTimer, left, TimeUnit.NANOSECONDS);
    }

    // ---- answers of our own

    /** Drops the exchange and answers {@code error} in its place. */
    private void end(ProxyExchange e, BalancerError error, boolean close) {
        ex = null;
        e.abandon(this);
        reject(error, e.group, close, e.head, e.target);
    }

    private void fail(ProxyExchange e, BalancerError error) {
        ex = null;
        e.releaseQueued();
        reject(error, e.group, !(e.clientKeepAlive && e.requestComplete), e.head, e.target);
    }
}
