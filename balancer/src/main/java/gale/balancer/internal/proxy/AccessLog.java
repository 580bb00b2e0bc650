package gale.balancer.internal.proxy;

import gale.balancer.BalancerError;
import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.http1.DesyncReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gale.access} log: every answer the balancer makes itself and every response cut off, at info; every
 * relayed response only at debug, so that the request path pays one level check for it.
 */
final class AccessLog {
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
            int port, String clientIp, BalancerError error, TargetGroupImpl group, Target target, String detail) {
        access.info(
                "{} {} -> {} {} group={} target={}{}{}",
                port,
                clientIp,
                error.status(),
                error.header(),
                group == null ? "-" : group.name(),
                target == null ? "-" : target.id,
                detail.isEmpty() ? "" : " ",
                detail);
    }
}
