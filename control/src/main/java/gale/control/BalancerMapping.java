package gale.control;

import gale.balancer.Algorithm;
import gale.balancer.BalancerConfig;
import gale.balancer.BalancerDefaults;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.ListenerLimits;
import gale.balancer.RuleConfig;
import gale.balancer.TargetGroupConfig;
import gale.control.stack.HealthCheckSpec;
import gale.control.stack.LimitsSpec;
import gale.control.stack.ListenerSpec;
import gale.control.stack.StackConfig;
import gale.control.stack.TargetGroupSpec;
import java.net.InetSocketAddress;
import java.util.List;

/** Maps the stack file's listeners and target groups onto the balancer's own config records. */
final class BalancerMapping {

    private BalancerMapping() {}

    static BalancerConfig of(StackConfig stack) {
        List<ListenerConfig> listeners =
                stack.listeners().stream().map(BalancerMapping::listener).toList();
        List<TargetGroupConfig> groups = stack.targetGroups().entrySet().stream()
                .map(e -> targetGroup(e.getKey(), e.getValue()))
                .map(g -> scalesToZero(stack, g.name()) ? g.withHoldWhenEmpty(BalancerDefaults.HOLD_WHEN_EMPTY) : g)
                .toList();
        return new BalancerConfig(
                listeners,
                groups,
                stack.balancer().ioThreads(),
                stack.balancer().warmup());
    }

    /**
     * A group behind a service that may scale to zero holds the requests that find it empty until the task the
     * autoscaler starts for them is healthy, instead of answering 503.
     */
    private static boolean scalesToZero(StackConfig stack, String group) {
        return stack.services().values().stream()
                .anyMatch(s -> s.targetGroup().filter(group::equals).isPresent()
                        && s.autoscaling().filter(a -> a.minCount() == 0).isPresent());
    }

    private static ListenerConfig listener(ListenerSpec l) {
        List<RuleConfig> rules = l.rules().stream()
                .map(r -> new RuleConfig(r.pathPrefix().orElse(null), r.host().orElse(null), r.targetGroup()))
                .toList();
        return new ListenerConfig(l.host(), l.port(), rules, l.defaultTargetGroup(), limits(l.limits()));
    }

    private static ListenerLimits limits(LimitsSpec l) {
        return new ListenerLimits(
                l.maxConnections(), l.maxHeaderBytes(), l.maxBodyBytes(), l.idleTimeout(), l.requestTimeout());
    }

    private static TargetGroupConfig targetGroup(String name, TargetGroupSpec g) {
        Algorithm algorithm = switch (g.algorithm()) {
            case ROUND_ROBIN -> Algorithm.ROUND_ROBIN;
            case LEAST_OUTSTANDING_REQUESTS -> Algorithm.LEAST_OUTSTANDING_REQUESTS;
        };
        HealthCheckSpec h = g.healthCheck();
        HealthCheckConfig health = new HealthCheckConfig(
                h.path(), h.interval(), h.timeout(), h.healthyThreshold(), h.unhealthyThreshold(), h.successCodes());
        List<InetSocketAddress> targets = g.targets().stream()
                .map(t -> new InetSocketAddress(t.host(), t.port()))
                .toList();
        return new TargetGroupConfig(name, algorithm, health, g.deregistrationDelay(), g.slowStart(), targets);
    }
}
