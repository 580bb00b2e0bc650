package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.autoscaler.AutoscalingConfig;
import gale.autoscaler.ScalingMetric;
import gale.autoscaler.TargetTracking;
import gale.control.stack.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Target tracking as a HorizontalPodAutoscaler (autoscaling/v2). CPU maps to a Resource metric (percent of the
 * request, which the export sets equal to the limit, so the same percent as Gale's); requests per target and p95
 * latency become Pods metrics that a custom-metrics adapter (prometheus-adapter) must serve. Cooldowns become
 * {@code behavior}: one scaling step per cooldown, and Gale's scale-in stabilization as the HPA's.
 */
final class Autoscalers {

    /** Names the Pods metrics take; prometheus-adapter rules in docs/kubernetes.md produce them. */
    static final String REQUESTS_METRIC = "gale_requests_per_second";

    static final String LATENCY_METRIC = "gale_request_duration_p95_milliseconds";

    private Autoscalers() {}

    static Optional<Map<String, Object>> hpa(
            String galeName, ServiceSpec spec, KubernetesOptions options, List<String> notes) {
        if (spec.autoscaling().isEmpty()) {
            return Optional.empty();
        }
        AutoscalingConfig a = spec.autoscaling().orElseThrow();
        if (a.targetTracking() == null) {
            notes.add("autoscaling without targetTracking (minCount " + a.minCount() + ", maxCount " + a.maxCount()
                    + ") has no HorizontalPodAutoscaler: an HPA needs a metric; replicas stay as written");
            return Optional.empty();
        }
        String name = KubernetesOptions.objectName(galeName);
        int min = a.minCount();
        if (min < 1) {
            notes.add("autoscaling.minCount 0 raised to minReplicas 1 (scale to zero needs the HPAScaleToZero gate)");
            min = 1;
        }
        if (spec.cpu().isEmpty() && a.targetTracking().metric() == ScalingMetric.CPU) {
            notes.add("CPU target tracking without cpu: the HPA measures CPU against the container's request, which"
                    + " only a service's cpu sets");
        }
        int out = clampPeriod(a.scaleOutCooldown());
        int in = clampPeriod(a.scaleInCooldown());
        Map<String, Object> behavior = map(
                "scaleUp",
                map(
                        "stabilizationWindowSeconds",
                        0,
                        "policies",
                        list(map("type", "Percent", "value", 100, "periodSeconds", out))),
                "scaleDown",
                map(
                        "stabilizationWindowSeconds", Math.min(3600, Tree.seconds(a.scaleInStabilization(), 0)),
                        "policies", list(map("type", "Percent", "value", 100, "periodSeconds", in))));
        return Optional.of(Tree.object(
                "autoscaling/v2",
                "HorizontalPodAutoscaler",
                name,
                options.namespace(),
                Tree.labels(Workloads.PART_OF, "gale"),
                "spec",
                map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", name),
                        "minReplicas", min,
                        "maxReplicas", a.maxCount(),
                        "metrics", list(metric(a.targetTracking(), notes)),
                        "behavior", behavior)));
    }

    private static Map<String, Object> metric(TargetTracking t, List<String> notes) {
        return switch (t.metric()) {
            case CPU ->
                map(
                        "type",
                        "Resource",
                        "resource",
                        map("name", "cpu", "target", map("type", "Utilization", "averageUtilization", (int)
                                Math.round(t.target()))));
            case REQUESTS_PER_TARGET -> pods(REQUESTS_METRIC, t.target(), notes);
            case LATENCY_P95 -> pods(LATENCY_METRIC, t.target(), notes);
        };
    }

    private static Map<String, Object> pods(String metric, double target, List<String> notes) {
        notes.add("the Pods metric " + metric + " needs a custom-metrics adapter (prometheus-adapter, see"
                + " docs/kubernetes.md)");
        return map(
                "type",
                "Pods",
                "pods",
                map(
                        "metric", map("name", metric),
                        "target", map("type", "AverageValue", "averageValue", quantity(target))));
    }

    /** A Quantity: whole numbers as is, else milli-units ("0.5" is "500m"). */
    static String quantity(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return Math.round(value * 1000) + "m";
    }

    /** An HPA policy's period is 1-1800 s. */
    private static int clampPeriod(java.time.Duration d) {
        return Math.max(1, Math.min(1800, Tree.seconds(d, 1)));
    }
}
