package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A service's autoscaling: between {@code minCount} and {@code maxCount} tasks, target tracking on one metric, with
 * cooldowns and a scale-in stabilization window (the policy itself lives in the autoscaler module).
 */
public record AutoscalingSpec(
        int minCount,
        int maxCount,
        Optional<TargetTracking> targetTracking,
        Duration scaleOutCooldown,
        Duration scaleInCooldown,
        Duration scaleInStabilization) {

    public static final Duration DEFAULT_SCALE_OUT_COOLDOWN = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SCALE_IN_COOLDOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SCALE_IN_STABILIZATION = Duration.ofSeconds(30);

    public AutoscalingSpec {
        if (minCount < 0) {
            throw new IllegalArgumentException("minCount: " + minCount + " (expected: >= 0)");
        }
        if (maxCount < Math.max(1, minCount)) {
            throw new IllegalArgumentException(
                    "maxCount: " + maxCount + " (expected: >= minCount, " + minCount + ", and >= 1)");
        }
        requireNonNull(targetTracking, "targetTracking");
        requireNonNull(scaleOutCooldown, "scaleOutCooldown");
        requireNonNull(scaleInCooldown, "scaleInCooldown");
        requireNonNull(scaleInStabilization, "scaleInStabilization");
    }

    /** Keep {@code metric} near {@code target}: CPU % of the task's limit, requests per target per second, p95 ms. */
    public record TargetTracking(Metric metric, double target) {
        public TargetTracking {
            requireNonNull(metric, "metric");
            if (!(target > 0)) {
                throw new IllegalArgumentException("target: " + target + " (expected: > 0)");
            }
        }
    }

    public enum Metric {
        CPU,
        REQUESTS_PER_TARGET,
        LATENCY_P95
    }
}
