package gale.balancer.internal.proxy;

import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.group.Waiter;
import gale.balancer.internal.http1.BodyPart;
import gale.balancer.internal.http1.RequestHead;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;

/**
 * One request on its way through: where it went, what was sent, what came back, and how to let go of what it holds.
 * Used on one event loop only; {@link FrontendHandler} moves it from state to state.
 */
final class ProxyExchange {
    static final int MAX_ATTEMPTS = 3;

    final RequestHead request;
    final TargetGroupImpl group;
    final long startNanos;
    /** When the target must have started its response; set again when a held request is released. */
    long deadlineNanos;

    final boolean head;
    final boolean idempotent;
    /** No body at all: the request can be sent again from its head alone. */
    final boolean bodyless;

    final boolean clientKeepAlive;
    final boolean http10;

    final Target[] tried = new Target[MAX_ATTEMPTS];
    int attempts;
    /** The current attempt counts in its target's in-flight requests. */
    boolean counted;

    Target target;
    BackendHandler backend;
    ChannelFuture connecting;
    /** The current backend connection came from the pool. */
    boolean reused;
    /** Request parts that arrived while no backend connection was attached. */
    ArrayList<BodyPart> queued;

    boolean requestComplete;
    /** Some body bytes went to a target: the request can't be sent again. */
    boolean contentWritten;
    /** The end of the request went to the current backend connection. */
    boolean sentLast;

    long bodyBytes;
    boolean noResponseRetried;
    /** The traffic faults in place have had their say on this request ({@link FaultGate}). */
    boolean faultsDrawn;

    boolean responseStarted;
    boolean backendKeepAlive;
    /** The response is delimited by the connection's close, so the client connection must close too. */
    boolean closeClient;

    /** Waiting for the group's first healthy target, until {@link #holdDeadlineNanos}. */
    boolean held;

    long holdDeadlineNanos;

    int status;
    long progress;
    long progressSeen;

    ProxyExchange(RequestHead request, TargetGroupImpl group, long startNanos, long timeoutNanos) {
        this.request = request;
        this.group = group;
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + timeoutNanos;
        this.head = request.head();
        this.idempotent = request.idempotent();
        this.bodyless = request.bodyless();
        this.clientKeepAlive = request.keepAlive();
        this.http10 = request.http10;
        this.requestComplete = bodyless;
    }

    boolean canResend() {
        return bodyless || !contentWritten;
    }

    /** Sends a part of the request's body ({@code n} bytes) to the target, or keeps it until a connection is there. */
    void forward(BodyPart part, int n) {
        BackendHandler b = backend;
        if (b == null) {
            if (queued == null) {
                queued = new ArrayList<>(4);
            }
            queued.add(part);
            return;
        }
        b.channel.write(part.content(), b.channel.voidPromise());
        if (n > 0) {
            contentWritten = true;
        }
        if (part.last) {
            sentLast = true;
        }
    }

    /** Writes the body parts that arrived before the backend connection did; not flushed. */
    void writeQueued(Channel bc) {
        if (queued == null || queued.isEmpty()) {
            return;
        }
        for (BodyPart part : queued) {
            if (part.content().isReadable()) {
                contentWritten = true;
            }
            if (part.last) {
                sentLast = true;
            }
            bc.write(part.content(), bc.voidPromise());
        }
        queued.clear();
    }

    void releaseQueued() {
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
    }

    /** Unlinks the backend connection from this exchange, and from its client. */
    void detach(BackendHandler b) {
        b.front = null;
        backend = null;
    }

    /** Ends the current attempt's in-flight count, once. */
    void finish() {
        if (counted) {
            counted = false;
            target.requestFinished();
        }
    }

    /**
     * The client went away: when the target has the whole request, it may answer, and its response is read and dropped
     * so that the connection can be kept; whatever else the exchange holds is dropped.
     */
    void clientClosed(Waiter waiter) {
        BackendHandler b = backend;
        if (b != null && sentLast && !closeClient && !target.draining()) {
            detach(b);
            b.discardResponse(responseStarted, backendKeepAlive);
        }
        abandon(waiter);
    }

    /** Drops whatever the exchange holds: its backend connection can't be reused mid-request. */
    void abandon(Waiter waiter) {
        if (held) {
            held = false;
            group.unhold(waiter);
        }
        BackendHandler b = backend;
        if (b != null) {
            detach(b);
            b.channel.close();
        }
        if (connecting != null) {
            connecting.channel().close();
            connecting = null;
        }
        finish();
        releaseQueued();
    }
}
