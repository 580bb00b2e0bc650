package gale.autoscaler;

import java.time.Duration;

/**
 * One service's scaling policy, as the stack file's {@code autoscaling:} block states it. A null duration takes its
 * default (the constants below), so the stack file's mapping can pass what the user wrote and nothing else. At least
 * one of {@code targetTracking} and {@code stepScaling} is set; with both, the larger recommendation wins (as AWS does
 * with several policies).
 */
public record AutoscalingConfig(
        int minCount,
        int maxCount,
        TargetTracking targetTracking,
        StepScaling stepScaling,
        Duration scaleOutCooldown,
        Duration scaleInCooldown,
        Duration scaleInStabilization,
        Duration warmUp,
        Duration metricWindow,
        Duration evaluationInterval) {

    /** Short, so a second step of a load ramp is answered within seconds (AWS's default is 300 s). */
    public static final Duration DEFAULT_SCALE_OUT_COOLDOWN = Duration.ofSeconds(5);
    /** Longer than scale-out: removing capacity too early costs errors, keeping it costs only CPU. */
    public static final Duration DEFAULT_SCALE_IN_COOLDOWN = Duration.ofSeconds(30);
    /**
     * Scale in to the highest recommendation of this window (HPA's behaviour; its default is 300 s). As long as the
     * scale-in cooldown, so that a dip in load shorter than either removes no task.
     */
    public static final Duration DEFAULT_SCALE_IN_STABILIZATION = Duration.ofSeconds(30);
    /** HPA's {@code minReplicas} default. */
    public static final int DEFAULT_MIN_COUNT = 1;
    /** Readings of tasks younger than this, or not yet ready, are not counted (start-up CPU). */
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(10);
    /** Readings are averages over this window. */
    public static final Duration DEFAULT_METRIC_WINDOW = Duration.ofSeconds(5);
    /** The policy runs this often. */
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(1);

    public AutoscalingConfig {
        if (minCount < 0) {
            throw new IllegalArgumentException("autoscaling.minCount: " + minCount + " (expected: >= 0)");
        }
        if (maxCount < Math.max(1, minCount)) {
            throw new IllegalArgumentException(
                    "autoscaling.maxCount: " + maxCount + " (expected: >= max(1, minCount " + minCount + "))");
        }
        if (targetTracking == null && stepScaling == null) {
            throw new IllegalArgumentException(
                    "autoscaling: no policy (expected: targetTracking or stepScaling, or both)");
        }
        scaleOutCooldown = orDefault("scaleOutCooldown", scaleOutCooldown, DEFAULT_SCALE_OUT_COOLDOWN, false);
        scaleInCooldown = orDefault("scaleInCooldown", scaleInCooldown, DEFAULT_SCALE_IN_COOLDOWN, false);
        scaleInStabilization =
                orDefault("scaleInStabilization", scaleInStabilization, DEFAULT_SCALE_IN_STABILIZATION, false);
        warmUp = orDefault("warmUp", warmUp, DEFAULT_WARM_UP, false);
        metricWindow = orDefault("metricWindow", metricWindow, DEFAULT_METRIC_WINDOW, true);
        evaluationInterval = orDefault("evaluationInterval", evaluationInterval, DEFAULT_EVALUATION_INTERVAL, true);
    }

    /** A config built by name: only what is set differs from the defaults; {@link Builder#build()} validates. */
    public static Builder builder() {
        return new Builder();
    }

    /** Target tracking with every other setting at its default. */
    public static AutoscalingConfig targetTracking(int minCount, int maxCount, TargetTracking targetTracking) {
        return new AutoscalingConfig(minCount, maxCount, targetTracking, null, null, null, null, null, null, null);
    }

    /** Step scaling with every other setting at its default. */
    public static AutoscalingConfig stepScaling(int minCount, int maxCount, StepScaling stepScaling) {
        return new AutoscalingConfig(minCount, maxCount, null, stepScaling, null, null, null, null, null, null);
    }

    public AutoscalingConfig withCooldowns(Duration scaleOut, Duration scaleIn) {
        return new AutoscalingConfig(
                minCount,
                maxCount,
                targetTracking,
                stepScaling,
                scaleOut,
                scaleIn,
                scaleInStabilization,
                warmUp,
                metricWindow,
                evaluationInterval);
    }

    public AutoscalingConfig withScaleInStabilization(Duration window) {
        return new AutoscalingConfig(
                minCount,
                maxCount,
                targetTracking,
                stepScaling,
                scaleOutCooldown,
                scaleInCooldown,
                window,
                warmUp,
                metricWindow,
                evaluationInterval);
    }

    public AutoscalingConfig withWarmUp(Duration warmUp) {
        return new AutoscalingConfig(
                minCount,
                maxCount,
                targetTracking,
                stepScaling,
                scaleOutCooldown,
                scaleInCooldown,
                scaleInStabilization,
                warmUp,
                metricWindow,
                evaluationInterval);
    }

    private static Duration orDefault(String field, Duration value, Duration fallback, boolean positive) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || (positive && value.isZero())) {
            throw new IllegalArgumentException(
                    "autoscaling." + field + ": " + value + " (expected: " + (positive ? "> 0" : ">= 0") + ")");
        }
        return value;
    }

    /** Named settings for {@link AutoscalingConfig}; {@code maxCount} defaults to {@code max(1, minCount)}. */
    public static final class Builder {
        private int minCount = DEFAULT_MIN_COUNT;
        private Integer maxCount;
        private TargetTracking targetTracking;
        private StepScaling stepScaling;
        private Duration scaleOutCooldown;
        private Duration scaleInCooldown;
        private Duration scaleInStabilization;
        private Duration warmUp;
        private Duration metricWindow;
        private Duration evaluationInterval;

        private Builder() {}

        public Builder minCount(int value) {
            minCount = value;
            return this;
        }

        public Builder maxCount(int value) {
            maxCount = value;
            return this;
        }

        public Builder targetTracking(TargetTracking value) {
            targetTracking = value;
            return this;
        }

        public Builder stepScaling(StepScaling value) {
            stepScaling = value;
            return this;
        }

        public Builder scaleOutCooldown(Duration value) {
            scaleOutCooldown = value;
            return this;
        }

        public Builder scaleInCooldown(Duration value) {
            scaleInCooldown = value;
            return this;
        }

        public Builder scaleInStabilization(Duration value) {
            scaleInStabilization = value;
            return this;
        }

        public Builder warmUp(Duration value) {
            warmUp = value;
            return this;
        }

        public Builder metricWindow(Duration value) {
            metricWindow = value;
            return this;
        }

        public Builder evaluationInterval(Duration value) {
            evaluationInterval = value;
            return this;
        }

        public AutoscalingConfig build() {
            return new AutoscalingConfig(
                    minCount,
                    maxCount == null ? Math.max(1, minCount) : maxCount,
                    targetTracking,
                    stepScaling,
                    scaleOutCooldown,
                    scaleInCooldown,
                    scaleInStabilization,
                    warmUp,
                    metricWindow,
                    evaluationInterval);
        }
    }
}
