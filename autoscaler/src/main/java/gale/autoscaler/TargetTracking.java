package gale.autoscaler;

import static java.util.Objects.requireNonNull;

/**
 * Target tracking: keep {@code metric} near {@code target} with the HPA formula
 * {@code desired = ceil(current × metric / target)}, changing nothing while the ratio stays within {@code tolerance}.
 */
public record TargetTracking(ScalingMetric metric, double target, double tolerance) {
    /** What the stack file follows when it names no metric. */
    public static final ScalingMetric DEFAULT_METRIC = ScalingMetric.CPU;
    /** Kubernetes' HPA default: no change while metric/target is within ±10%. */
    public static final double DEFAULT_TOLERANCE = 0.1;

    public TargetTracking {
        requireNonNull(metric, "metric");
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("targetTracking.target: " + target + " (expected: > 0)");
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("targetTracking.tolerance: " + tolerance + " (expected: 0-0.99)");
        }
    }

    public TargetTracking(ScalingMetric metric, double target) {
        this(metric, target, DEFAULT_TOLERANCE);
    }
}
