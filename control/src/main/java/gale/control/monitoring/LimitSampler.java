package gale.control.monitoring;

import gale.balancer.ConnectionLimit;
import gale.balancer.TargetGroup;
import gale.balancer.TargetSnapshot;
import gale.monitor.metrics.GaleMetrics;
import java.util.List;

/** Each second, the use of a group's limits and its queue, for groups whose targets have a maxConnections. */
final class LimitSampler {
    private LimitSampler() {}

    static void sample(GaleMetrics metrics, String name, TargetGroup group, List<TargetSnapshot> targets) {
        ConnectionLimit limit = group.connectionLimit();
        if (!limit.limited()) {
            return;
        }
        for (TargetSnapshot t : targets) {
            metrics.limitUse(name, t.id(), "maxConnections", (double) t.inFlight() / limit.maxConnections());
        }
        int queued = group.queuedRequests();
        metrics.limitUse(name, null, "maxQueued", (double) queued / limit.maxQueued());
        metrics.queue(name, queued, group.oldestQueuedWait().toNanos() / 1e9);
    }
}
