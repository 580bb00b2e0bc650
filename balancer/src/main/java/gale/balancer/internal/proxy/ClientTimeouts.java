package gale.balancer.internal.proxy;

import gale.balancer.BalancerError;
import gale.balancer.ClientTimeout;
import gale.balancer.ListenerLimits;
import gale.balancer.internal.http1.RequestDecoder;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client connection's three clocks, after HAProxy's: the request head must arrive whole within
 * {@code requestHeaderTimeout} ({@code timeout http-request}), counted from the accept for the first request and from
 * the first byte of each later one; a body may pause at most {@code bodyReadTimeout} between reads (nginx's
 * {@code client_body_timeout}); and a connection that sends nothing for {@code clientIdleTimeout} with no request under
 * way is closed ({@code timeout http-keep-alive} between requests). Time is counted in ticks of a quarter of the
 * shortest timeout, not read per byte: a timeout fires between 1 and 1.25 times its value after its start.
 */
final class ClientTimeouts {
    /** Ticks in the shortest of the three timeouts. */
    private static final int TICKS = 4;

    private final ClientConnection connection;
    private final RequestDecoder decoder;
    private final long headerTicks;
    private final long bodyTicks;
    private final long idleTicks;
    private ScheduledFuture<?> ticker;

    private long ticks;
    /** The tick from which the head under way is timed; -1 while none is. */
    private long headStart = 0;

    private boolean readSinceTick;
    private long quietTicks;

    ClientTimeouts(ClientConnection connection, RequestDecoder decoder) {
        this.connection = connection;
        this.decoder = decoder;
        ListenerLimits limits = connection.listener.limits;
        long header = limits.requestHeaderTimeout().toNanos();
        long body = limits.bodyReadTimeout().toNanos();
        long idle = limits.clientIdleTimeout().toNanos();
        long tick = Math.max(1, Math.min(header, Math.min(body, idle)) / TICKS);
        this.headerTicks = ceil(header, tick);
        this.bodyTicks = ceil(body, tick);
        this.idleTicks = ceil(idle, tick);
        this.ticker = connection.ctx.executor().scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** Something was read from the client. */
    void read() {
        readSinceTick = true;
    }

    /** A request head arrived whole: it is no longer timed. */
    void headReceived() {
        headStart = -1;
    }

    /**
     * A pass of reads ended, or a request was answered, with no request under way: if part of the next head is there,
     * its clock starts (at the next tick, so that a timeout never fires early).
     */
    void betweenRequests() {
        if (headStart < 0 && decoder.partialHead()) {
            headStart = ticks + 1;
        }
    }

    private void tick() {
        ticks++;
        ProxyExchange e = connection.ex;
        boolean read = readSinceTick;
        readSinceTick = false;
        quietTicks = read ? 0 : quietTicks + 1;
        if (connection.closing) {
            return;
        }
        if (e == null) {
            if (headStart >= 0 && ticks - headStart >= headerTicks) {
                timedOut(ClientTimeout.REQUEST_HEADER);
            } else if (quietTicks >= idleTicks) {
                timedOut(ClientTimeout.IDLE);
            }
        } else if (!e.requestComplete && !e.responseStarted && !connection.readingPaused()) {
            // Only while the balancer reads: a pause it made itself (the target can't take more) is not the client's.
            if (quietTicks >= bodyTicks) {
                stop();
                connection.observers.requests().clientTimedOut(connection.listener.port, ClientTimeout.BODY_READ);
                connection.onClientIdle(e);
            }
        } else {
            quietTicks = 0;
        }
    }

    /** No request under way: a head that started gets a 408 (RFC 9110 §15.5.9); a silent connection is just closed. */
    private void timedOut(ClientTimeout timeout) {
        stop();
        boolean partial = decoder.partialHead();
        connection
                .observers
                .requests()
                .clientTimedOut(connection.listener.port, partial ? ClientTimeout.REQUEST_HEADER : timeout);
        if (partial) {
            connection.reject(BalancerError.HEADER_TIMEOUT, null, true, false, null);
        } else {
            connection.closeClient(); // ALB closes an idle connection without a word, so do we
        }
    }
}
