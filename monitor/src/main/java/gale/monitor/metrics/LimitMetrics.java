package gale.monitor.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/** The balancer's limits as gauges, sampled each second: each limit's use, and each group's queue for free slots. */
final class LimitMetrics {
    private final Gauge use;
    private final Gauge queueLength;
    private final Gauge queueWait;

    LimitMetrics(PrometheusRegistry registry) {
        use = Gauge.builder()
                .name("gale_balancer_limit_use_ratio")
                .help("Use of a limit, 1 = at it: a target's requests in flight over maxConnections, a queue over"
                        + " maxQueued (target=none)")
                .labelNames("target_group", "target", "limit")
                .register(registry);
        queueLength = Gauge.builder()
                .name("gale_balancer_queue_length")
                .help("Requests waiting for a target with room (every target at its maxConnections)")
                .labelNames("target_group")
                .register(registry);
        queueWait = Gauge.builder()
                .name("gale_balancer_queue_oldest_wait_seconds")
                .help("How long the oldest request in the queue has waited so far; 0 when none waits")
                .unit(Unit.SECONDS)
                .labelNames("target_group")
                .register(registry);
    }

    void limitUse(String targetGroup, String target, String limit, double ratio) {
        use.labelValues(targetGroup, target == null ? BalancerMetrics.NONE : target, limit)
                .set(ratio);
    }

    void queue(String targetGroup, int length, double oldestWaitSeconds) {
        queueLength.labelValues(targetGroup).set(length);
        queueWait.labelValues(targetGroup).set(oldestWaitSeconds);
    }

    void targetRemoved(String targetGroup, String target) {
        use.removeIf(l -> l.get(0).equals(targetGroup) && l.get(1).equals(target));
    }
}
