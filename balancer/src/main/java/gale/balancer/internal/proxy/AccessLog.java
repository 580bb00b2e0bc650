package gale.balancer.internal.proxy;

import gale.balancer.BalancerError;
import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.http1.DesyncReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gale.access} log: the answers the balancer makes itself and the responses cut off, at info, up to
 * {@link #LINES_PER_SECOND} a second on each listener (the rest are counted in one line, and every one in the
 * metrics); every relayed response only at debug, so that the request path pays one level check for it.
 */
final class AccessLog {
    /** Each listener's budget of info lines: enough to read what goes wrong, too few to slow the event loop. */
    static final int LINES_PER_SECOND = 50;

    private static final Logger access = LoggerFactory.getLogger("gale.access");

    private AccessLog() {}

    static void completed(int port, String clientIp, ProxyExchange e, Target target, long nowNanos) {
        if (access.isDebugEnabled()) {
            access.debug(
                    "{} {} {} {} -> {} {} {} us {}",
                    port,
                    clientIp,
                    e.request.method,
                    e.request.uri(),
                    target,
                    e.status,
                    (nowNanos - e.startNanos) / 1000,
                    desync(e.request.desync));
        }
    }

    /** {@code desync=Severe reason=BadHeader}, as ALB's access log has classification and classification_reason. */
    static String desync(DesyncReason reason) {
        return reason == null ? "" : "desync=" + reason.classification().label() + " reason=" + reason.label();
    }

    static void failed(
            ListenerRuntime listener,
            String clientIp,
            BalancerError error,
            TargetGroupImpl group,
            Target target,
            String detail) {
        if (!access.isInfoEnabled()) {
            return;
        }
        long skipped = listener.accessLogBudget.take(System.nanoTime());
        if (skipped < 0) {
            return;
        }
        if (skipped > 0) {
            access.info(
                    "{} {} answers of the balancer and responses cut off were not logged (more than {} a second; the"
                            + " metrics count each)",
                    listener.port,
                    skipped,
                    LINES_PER_SECOND);
        }
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
