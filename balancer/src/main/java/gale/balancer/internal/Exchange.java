package gale.balancer.internal;

import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;

/** One request on its way through: where it went, what was sent, what came back. Used on one event loop only. */
final class Exchange {
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

    Exchange(RequestHead request, TargetGroupImpl group, long startNanos, long timeoutNanos) {
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

    void queue(BodyPart msg) {
        if (queued == null) {
            queued = new ArrayList<>(4);
        }
        queued.add(msg);
    }

    void releaseQueued() {
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
    }
}
