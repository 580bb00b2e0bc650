package gale.control.stack;

import static java.util.Objects.requireNonNull;

import gale.balancer.Algorithm;
import gale.balancer.BalancerDefaults;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import gale.monitor.alarm.AlarmConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole stack, as the stack file describes it (see docs/stack-file.md), in the modules' own config records: the
 * balancer's listeners and target groups, the monitor's alarms and retention, the autoscaler's policies (in each service). Each
 * default is its module's. {@code notAppliedByUp} holds the keys the file wrote that {@code gale up} does not apply yet
 * (another command may: {@code gale export kubernetes} maps deployment bounds), each as the error {@link
 * gale.control.Stack#start} refuses the stack with. Maps keep the file's order. Names are cross-checked by {@link StackFile}, where the error
 * can name the line.
 */
public record StackConfig(
        List<ListenerConfig> listeners,
        Map<String, TargetGroupConfig> targetGroups,
        Map<String, ServiceSpec> services,
        Map<String, AlarmConfig> alarms,
        Map<String, NotifierSpec> notifiers,
        DatabaseSpec database,
        CacheSpec cache,
        BalancerSpec balancer,
        MonitoringSpec monitoring,
        List<StackFileException> notAppliedByUp) {

    public StackConfig {
        listeners = List.copyOf(listeners);
        targetGroups = ordered(targetGroups);
        services = ordered(services);
        alarms = ordered(alarms);
        notifiers = ordered(notifiers);
        requireNonNull(database, "database");
        requireNonNull(cache, "cache");
        requireNonNull(balancer, "balancer");
        requireNonNull(monitoring, "monitoring");
        notAppliedByUp = List.copyOf(notAppliedByUp);
    }

    /**
     * The stack {@code gale up} runs without a file: a listener on 127.0.0.1:8080 → target group {@code web} → service
     * {@code web}, two tasks of the reference app, the embedded database. The same as examples/default.yaml; every
     * other value is its module's default.
     */
    public static StackConfig defaults() {
        HealthCheckConfig d = HealthCheckConfig.DEFAULTS;
        HealthCheckConfig health = new HealthCheckConfig(
                "/health", d.interval(), d.timeout(), d.healthyThreshold(), d.unhealthyThreshold(), d.successCodes());
        TargetGroupConfig web = new TargetGroupConfig(
                "web",
                Algorithm.ROUND_ROBIN,
                health,
                BalancerDefaults.DEREGISTRATION_DELAY,
                BalancerDefaults.SLOW_START,
                List.of());
        ServiceSpec service = ServiceSpec.builtInApp(2, Optional.of("web"));
        ListenerConfig listener = ListenerConfig.of(ListenerConfig.DEFAULT_PORT, "web");
        return new StackConfig(
                List.of(listener),
                Map.of("web", web),
                Map.of("web", service),
                Map.of(),
                Map.of(),
                DatabaseSpec.EMBEDDED,
                CacheSpec.IN_PROCESS,
                BalancerSpec.DEFAULTS,
                MonitoringSpec.DEFAULTS,
                List.of());
    }

    /** This stack with its first listener on {@code port} (what {@code gale up --port} does). */
    public StackConfig withFirstListenerPort(int port) {
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("--port: " + port + " (expected: a stack with a listener)");
        }
        List<ListenerConfig> moved = new java.util.ArrayList<>(listeners);
        moved.set(0, listeners.getFirst().withPort(port));
        return withListeners(moved);
    }

    /** This stack with {@code listeners} in place of its own. */
    public StackConfig withListeners(List<ListenerConfig> listeners) {
        return with(listeners, services, balancer);
    }

    /** This stack with {@code service} scaled to {@code count} tasks (tests use it for a one-task stack). */
    public StackConfig withDesiredCount(String service, int count) {
        ServiceSpec spec = services.get(service);
        if (spec == null) {
            throw new IllegalArgumentException("service: " + service + " (expected: one of " + services.keySet() + ")");
        }
        Map<String, ServiceSpec> scaled = new LinkedHashMap<>(services);
        scaled.put(service, spec.withDesiredCount(count));
        return with(listeners, scaled, balancer);
    }

    /** This stack with the balancer's JIT warm-up bounded by {@code warmup} (0s: none, as most tests want). */
    public StackConfig withWarmup(Duration warmup) {
        return with(listeners, services, new BalancerSpec(balancer.ioThreads(), warmup));
    }

    /** The one copy the withers make: what they change, and every other component as it is. */
    private StackConfig with(List<ListenerConfig> listeners, Map<String, ServiceSpec> services, BalancerSpec balancer) {
        return new StackConfig(
                listeners,
                targetGroups,
                services,
                alarms,
                notifiers,
                database,
                cache,
                balancer,
                monitoring,
                notAppliedByUp);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
