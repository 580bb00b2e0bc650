package gale.balancer.internal.proxy;

import gale.balancer.RetryCause;
import gale.balancer.internal.group.Target;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * When a failed attempt is sent again, and where: up to {@link ProxyExchange#MAX_ATTEMPTS} attempts, each to a target
 * not tried yet, and only while the request can be sent again whole.
 */
final class Retries {
    /** The next attempt: its target, on a fresh connection or a pooled one, and why it is made. */
    record Retry(Target target, boolean fresh, RetryCause cause) {}

    private Retries() {}

    /** After a connection to a target could not be opened: another target, or null. */
    static Target afterConnectFailure(ProxyExchange e) {
        if (e.attempts < ProxyExchange.MAX_ATTEMPTS && e.canResend()) {
            return e.group.pick(e.tried, e.attempts);
        }
        return null;
    }

    /**
     * After the connection to {@code failed} broke before its response started: a pooled connection found closed when
     * the request was written certainly never reached the target, and goes again; otherwise only an idempotent
     * request, once. The only target gets a fresh connection when nothing else is left. Null when none is made.
     */
    static Retry afterNoResponse(ProxyExchange e, Target failed, Throwable cause) {
        boolean neverReached = e.reused && cause instanceof ClosedChannelException;
        if (e.attempts >= ProxyExchange.MAX_ATTEMPTS
                || !e.canResend()
                || !(neverReached || (e.idempotent && !e.noResponseRetried))) {
            return null;
        }
        RetryCause why = neverReached ? RetryCause.POOLED_CONNECTION_CLOSED : RetryCause.NO_RESPONSE;
        if (!neverReached) {
            e.noResponseRetried = true;
        }
        Target next = e.group.pick(e.tried, e.attempts);
        if (next != null) {
            return new Retry(next, false, why);
        }
        return failed.draining() ? null : new Retry(failed, true, why);
    }

    /** How the data path tells a reset from another failure of a target connection. */
    static boolean isReset(Throwable cause) {
        return cause instanceof IOException
                && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("reset");
    }
}
