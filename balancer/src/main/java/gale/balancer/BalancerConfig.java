package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Listeners and the target groups their rules name.
 *
 * @param ioThreads event loop threads; 0 means one per core
 */
public record BalancerConfig(List<ListenerConfig> listeners, List<TargetGroupConfig> targetGroups, int ioThreads) {
    public BalancerConfig {
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
        targetGroups = List.copyOf(requireNonNull(targetGroups, "targetGroups"));
        Validate.range(ioThreads, 0, 256, "ioThreads");
        Set<String> names = new HashSet<>();
        for (TargetGroupConfig g : targetGroups) {
            if (!names.add(g.name())) {
                throw new IllegalArgumentException("targetGroups: '" + g.name() + "' twice (expected: unique names)");
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            ListenerConfig l = listeners.get(i);
            check(names, l.defaultTargetGroup(), "listeners[" + i + "].defaultTargetGroup");
            for (int r = 0; r < l.rules().size(); r++) {
                check(names, l.rules().get(r).targetGroup(), "listeners[" + i + "].rules[" + r + "].targetGroup");
            }
        }
    }

    private static void check(Set<String> names, String group, String field) {
        if (!names.contains(group)) {
            throw new IllegalArgumentException(field + ": '" + group + "' (expected: one of " + names + ")");
        }
    }
}
