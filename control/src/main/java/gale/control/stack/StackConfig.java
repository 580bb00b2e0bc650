package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole stack, as the stack file describes it (see docs/stack-file.md). Maps keep the file's order. Names are
 * cross-checked by {@link StackFile}, where the error can name the line.
 */
public record StackConfig(
        List<ListenerSpec> listeners,
        Map<String, TargetGroupSpec> targetGroups,
        Map<String, ServiceSpec> services,
        Map<String, AlarmSpec> alarms,
        Map<String, NotifierSpec> notifiers,
        DatabaseSpec database,
        CacheSpec cache,
        BalancerSpec balancer) {

    public StackConfig {
        listeners = List.copyOf(listeners);
        targetGroups = ordered(targetGroups);
        services = ordered(services);
        alarms = ordered(alarms);
        notifiers = ordered(notifiers);
        requireNonNull(database, "database");
        requireNonNull(cache, "cache");
        requireNonNull(balancer, "balancer");
    }

    /**
     * The stack {@code gale up} runs without a file: a listener on 127.0.0.1:8080 → target group {@code web} → service
     * {@code web}, two tasks of the reference app, the embedded database. The same as examples/default.yaml.
     */
    public static StackConfig defaults() {
        HealthCheckSpec health =
                new HealthCheckSpec("/health", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 2, "200-399");
        TargetGroupSpec web = new TargetGroupSpec(
                TargetGroupSpec.Algorithm.ROUND_ROBIN,
                health,
                TargetGroupSpec.DEFAULT_DEREGISTRATION_DELAY,
                Duration.ZERO,
                List.of());
        ServiceSpec service = new ServiceSpec(
                List.of(),
                Map.of(),
                Optional.empty(),
                java.util.OptionalDouble.empty(),
                java.util.OptionalLong.empty(),
                2,
                Optional.of("web"),
                ServiceSpec.DEFAULT_STOP_TIMEOUT,
                ServiceSpec.DEFAULT_HEALTH_CHECK_GRACE_PERIOD,
                ServiceSpec.DeploymentSpec.DEFAULTS,
                Optional.empty());
        ListenerSpec listener = new ListenerSpec(
                ListenerSpec.DEFAULT_HOST, ListenerSpec.DEFAULT_PORT, List.of(), "web", LimitsSpec.DEFAULTS);
        return new StackConfig(
                List.of(listener),
                Map.of("web", web),
                Map.of("web", service),
                Map.of(),
                Map.of(),
                DatabaseSpec.EMBEDDED,
                CacheSpec.IN_PROCESS,
                BalancerSpec.DEFAULTS);
    }

    /** This stack with its first listener on {@code port} (what {@code gale up --port} does). */
    public StackConfig withFirstListenerPort(int port) {
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("--port: " + port + " (expected: a stack with a listener)");
        }
        List<ListenerSpec> moved = new java.util.ArrayList<>(listeners);
        moved.set(0, listeners.getFirst().withPort(port));
        return new StackConfig(moved, targetGroups, services, alarms, notifiers, database, cache, balancer);
    }

    /** This stack with {@code service} scaled to {@code count} tasks (tests use it for a one-task stack). */
    public StackConfig withDesiredCount(String service, int count) {
        ServiceSpec spec = services.get(service);
        if (spec == null) {
            throw new IllegalArgumentException("service: " + service + " (expected: one of " + services.keySet() + ")");
        }
        Map<String, ServiceSpec> scaled = new LinkedHashMap<>(services);
        scaled.put(service, spec.withDesiredCount(count));
        return new StackConfig(listeners, targetGroups, scaled, alarms, notifiers, database, cache, balancer);
    }

    /** This stack with the balancer's JIT warm-up bounded by {@code warmup} (0s: none, as most tests want). */
    public StackConfig withWarmup(Duration warmup) {
        return new StackConfig(
                listeners,
                targetGroups,
                services,
                alarms,
                notifiers,
                database,
                cache,
                new BalancerSpec(balancer.ioThreads(), warmup));
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
