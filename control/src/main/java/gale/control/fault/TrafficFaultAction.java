package gale.control.fault;

import gale.balancer.Balancer;
import gale.balancer.TargetSnapshot;
import gale.balancer.TrafficFaultHandle;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * The traffic faults: put in place in the balancer, on a target group's requests or one target's. They live in Gale's
 * process, so they end with it, however it ends.
 */
final class TrafficFaultAction implements FaultAction {

    private final Balancer balancer;
    private final Set<String> targetGroups;
    private final String defaultTargetGroup;

    /** @param defaultTargetGroup the group of a fault that names none: the first listener's default */
    TrafficFaultAction(Balancer balancer, Set<String> targetGroups, String defaultTargetGroup) {
        this.balancer = balancer;
        this.targetGroups = Set.copyOf(targetGroups);
        this.defaultTargetGroup = defaultTargetGroup;
    }

    @Override
    public Applied apply(String faultId, FaultSpec spec) {
        String group = spec.selection().targetGroup() == null
                ? defaultTargetGroup
                : spec.selection().targetGroup();
        if (!targetGroups.contains(group)) {
            throw new IllegalArgumentException("targetGroup: " + group + " (expected: one of "
                    + targetGroups.stream().sorted().toList() + ")");
        }
        InetSocketAddress target = target(group, spec.selection().target());
        TrafficFaultHandle handle =
                balancer.injectFault(spec.parameters().traffic().toFault(spec.kind(), group, target, spec.duration()));
        String on = target == null ? group : group + "/" + spec.selection().target();
        return new Applied(List.of(on), handle::revert);
    }

    /** The target named {@code HOST:PORT}, which must be one of the group's now; null for none named. */
    private InetSocketAddress target(String group, String hostPort) {
        if (hostPort == null) {
            return null;
        }
        List<InetSocketAddress> targets = balancer.targetGroup(group).targets().stream()
                .map(TargetSnapshot::address)
                .toList();
        for (InetSocketAddress t : targets) {
            if (hostPort.equals(t.getHostString() + ":" + t.getPort())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "target: " + hostPort + " (expected: HOST:PORT of a target of " + group + ": "
                        + targets.stream()
                                .map(t -> t.getHostString() + ":" + t.getPort())
                                .toList() + ")");
    }
}
