package gale.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalingConfigTest {

    @Test
    void mapsTheAutoscalingExampleBlock() {
        // autoscaling: { minCount: 1, maxCount: 3, targetTracking: { metric: cpu, target: 50 },
        //                scaleOutCooldown: 5s, scaleInCooldown: 20s }
        AutoscalingConfig config = new AutoscalingConfig(
                1,
                3,
                new TargetTracking(ScalingMetric.parse("cpu"), 50),
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                null,
                null,
                null,
                null);

        assertThat(config.targetTracking().tolerance()).isEqualTo(0.1);
        assertThat(config.scaleInCooldown()).hasSeconds(20);
        assertThat(config.scaleInStabilization()).isEqualTo(AutoscalingConfig.DEFAULT_SCALE_IN_STABILIZATION);
        assertThat(config.evaluationInterval()).hasSeconds(1);
        assertThat(config.metricWindow()).hasSeconds(5);
    }

    @Test
    void builderSetsByNameAndLeavesTheRestAtTheirDefaults() {
        AutoscalingConfig config = AutoscalingConfig.builder()
                .minCount(0)
                .targetTracking(new TargetTracking(ScalingMetric.CPU, 50))
                .scaleInStabilization(Duration.ofSeconds(45))
                .build();

        assertThat(config.maxCount()).isEqualTo(1);
        assertThat(config.scaleInStabilization()).hasSeconds(45);
        assertThat(config.scaleOutCooldown()).isEqualTo(AutoscalingConfig.DEFAULT_SCALE_OUT_COOLDOWN);
        assertThat(config.warmUp()).isEqualTo(AutoscalingConfig.DEFAULT_WARM_UP);
        assertThat(AutoscalingConfig.builder()
                        .maxCount(3)
                        .targetTracking(new TargetTracking(ScalingMetric.CPU, 50))
                        .build()
                        .minCount())
                .isEqualTo(AutoscalingConfig.DEFAULT_MIN_COUNT);
        assertThatThrownBy(() ->
                        AutoscalingConfig.builder().minCount(2).maxCount(1).build())
                .hasMessage("autoscaling.maxCount: 1 (expected: >= max(1, minCount 2))");
    }

    @Test
    void parsesMetricNamesLoosely() {
        assertThat(ScalingMetric.parse("CPU")).isEqualTo(ScalingMetric.CPU);
        assertThat(ScalingMetric.parse("requests_per_target")).isEqualTo(ScalingMetric.REQUESTS_PER_TARGET);
        assertThat(ScalingMetric.parse("p95LatencyMs")).isEqualTo(ScalingMetric.LATENCY_P95);
        assertThatThrownBy(() -> ScalingMetric.parse("memory"))
                .hasMessage("metric: memory (expected: cpu, requestsPerTarget, p95Latency)");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        TargetTracking cpu = new TargetTracking(ScalingMetric.CPU, 50);
        assertThatThrownBy(() -> AutoscalingConfig.targetTracking(-1, 3, cpu))
                .hasMessage("autoscaling.minCount: -1 (expected: >= 0)");
        assertThatThrownBy(() -> AutoscalingConfig.targetTracking(4, 3, cpu))
                .hasMessage("autoscaling.maxCount: 3 (expected: >= max(1, minCount 4))");
        assertThatThrownBy(() -> AutoscalingConfig.targetTracking(0, 0, cpu))
                .hasMessage("autoscaling.maxCount: 0 (expected: >= max(1, minCount 0))");
        assertThatThrownBy(() -> new TargetTracking(ScalingMetric.CPU, 0))
                .hasMessage("targetTracking.target: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> new AutoscalingConfig(1, 3, null, null, null, null, null, null, null, null))
                .hasMessage("autoscaling: no policy (expected: targetTracking or stepScaling, or both)");
        assertThatThrownBy(
                        () -> AutoscalingConfig.targetTracking(1, 3, cpu).withCooldowns(Duration.ofSeconds(-1), null))
                .hasMessage("autoscaling.scaleOutCooldown: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> new StepScaling(
                        ScalingMetric.CPU,
                        List.of(new StepScaling.Step(null, 50.0, -1), new StepScaling.Step(40.0, null, 1))))
                .hasMessage("stepScaling.steps: [-∞, 50) and [40, +∞) overlap (expected: disjoint intervals)");
    }
}
