package gale.control;

import gale.balancer.BalancerConfig;
import gale.balancer.BalancerDefaults;
import gale.balancer.TargetGroupConfig;
import gale.control.stack.StackConfig;
import java.util.List;

/** The stack's listeners and target groups (already the balancer's records) into one {@link BalancerConfig}. */
final class BalancerMapping {

    private BalancerMapping() {}

    static BalancerConfig of(StackConfig stack) {
        List<TargetGroupConfig> groups = stack.targetGroups().values().stream()
                .map(g -> scalesToZero(stack, g.name()) ? g.withHoldWhenEmpty(BalancerDefaults.HOLD_WHEN_EMPTY) : g)
                .toList();
        return new BalancerConfig(
                stack.listeners(),
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
}
