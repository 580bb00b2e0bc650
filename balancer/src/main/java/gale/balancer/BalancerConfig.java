package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Listeners and the target groups their rules name.
 *
 * @param ioThreads event loop threads; 0 means one per core
 * @param warmup the longest the balancer may run its own traffic over loopback before its listeners accept, so that
 *     the JIT has compiled its data path before the first client (zero: no warm-up)
 */
public record BalancerConfig(
        List<ListenerConfig> listeners, List<TargetGroupConfig> targetGroups, int ioThreads, Duration warmup) {
    /** A warm-up ends after a few thousand connections; beyond a minute something is wrong with the machine. */
    public static final Duration MAX_WARMUP = Duration.ofMinutes(1);

    public BalancerConfig {
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
        targetGroups = List.copyOf(requireNonNull(targetGroups, "targetGroups"));
        Validate.range(ioThreads, 0, 256, "ioThreads");
        Validate.notNegative(warmup, "warmup");
        if (warmup.compareTo(MAX_WARMUP) > 0) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: at most " + MAX_WARMUP + ")");
        }
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

    /** No warm-up: what tests and embedders that start many balancers want. */
    public BalancerConfig(List<ListenerConfig> listeners, List<TargetGroupConfig> targetGroups, int ioThreads) {
        this(listeners, targetGroups, ioThreads, Duration.ZERO);
    }

    private static void check(Set<String> names, String group, String field) {
        if (!names.contains(group)) {
            throw new IllegalArgumentException(field + ": '" + group + "' (expected: one of " + names + ")");
        }
    }
}
