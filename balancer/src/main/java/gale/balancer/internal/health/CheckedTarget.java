package gale.balancer.internal.health;

import gale.balancer.TargetReason;
import java.net.InetSocketAddress;

/** What a {@link HealthChecker} checks, and tells each result to; on an event loop, once per check. */
public interface CheckedTarget {
    String id();

    InetSocketAddress address();

    void onCheckSuccess();

    void onCheckFailure(TargetReason reason, String detail);
}
