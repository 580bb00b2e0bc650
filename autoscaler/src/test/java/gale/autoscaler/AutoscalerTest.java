package gale.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import gale.autoscaler.Fakes.MutableClock;
import gale.autoscaler.ScalingDecision.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:30:00Z"));
    private final Fakes.Source source = new Fakes.Source();
    private final List<ScalingDecision> decisions = new ArrayList<>();

    private Autoscaler autoscaler(AutoscalingConfig config, Fakes.Service service) {
        Autoscaler autoscaler = new Autoscaler("web", config, source, service, clock);
        autoscaler.addListener(decisions::add);
        return autoscaler;
    }

    private static AutoscalingConfig cpu50(int min, int max) {
        return AutoscalingConfig.targetTracking(min, max, new TargetTracking(ScalingMetric.CPU, 50));
    }

    @Test
    void scalesOutWithTheHpaFormulaAndExplainsIt() {
        Fakes.Service service = new Fakes.Service(1);
        source.steady(92);

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        assertThat(decision.direction()).isEqualTo(Direction.OUT);
        assertThat(decision.desired()).isEqualTo(2);
        assertThat(decision.reason()).isEqualTo("cpu 92% > target 50%: 1 → 2 tasks (ceil(1 × 92 / 50))");
        assertThat(service.count).isEqualTo(2);
        assertThat(service.reasons).containsExactly(decision.reason());
        assertThat(decisions).containsExactly(decision);
        assertThat(source.askedMetric).isEqualTo(ScalingMetric.CPU);
        assertThat(source.askedWindow).isEqualTo(AutoscalingConfig.DEFAULT_METRIC_WINDOW);
    }

    @Test
    void averagesTheReadyTasksAndRoundsUp() {
        Fakes.Service service = new Fakes.Service(3);
        source.steady(90, 80, 100);

        ScalingDecision decision = autoscaler(cpu50(1, 10), service).evaluate();

        // ceil(3 × 90 / 50) = ceil(5.4) = 6
        assertThat(decision.desired()).isEqualTo(6);
        assertThat(decision.metricValue()).isEqualTo(90.0);
    }

    @Test
    void changesNothingWithinTheTolerance() {
        Fakes.Service service = new Fakes.Service(2);
        source.steady(54, 55);

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        assertThat(decision.direction()).isEqualTo(Direction.NONE);
        assertThat(decision.reason()).isEqualTo("cpu 54.5% within 10% of target 50%: stays at 2 tasks");
        assertThat(service.reasons).isEmpty();
    }

    @Test
    void capsAtMaxCountAndSaysSo() {
        Fakes.Service service = new Fakes.Service(2);
        source.steady(100, 100);

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        assertThat(decision.desired()).isEqualTo(3);
        assertThat(decision.reason()).endsWith("2 → 4 tasks (ceil(2 × 100 / 50)) (capped at maxCount 3)");
    }

    @Test
    void bringsACountOutsideTheBoundsBackWithoutWaiting() {
        Fakes.Service service = new Fakes.Service(5);
        source.steady(50, 50, 50, 50, 50);

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        assertThat(decision.desired()).isEqualTo(3);
        assertThat(decision.reason()).isEqualTo("5 tasks above maxCount 3: 5 → 3 tasks");
    }

    @Test
    void waitsForTheScaleOutCooldownBeforeAddingMore() {
        Fakes.Service service = new Fakes.Service(1);
        Autoscaler autoscaler = autoscaler(cpu50(1, 5), service);
        source.steady(80);
        assertThat(autoscaler.evaluate().desired()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(2));
        source.steady(80, 80);
        ScalingDecision held = autoscaler.evaluate();
        assertThat(held.direction()).isEqualTo(Direction.NONE);
        assertThat(held.reason()).startsWith("scale-out cooldown, 3 s left: 2 tasks kept (cpu 80% > target 50%");

        clock.advance(Duration.ofSeconds(3));
        ScalingDecision next = autoscaler.evaluate();
        assertThat(next.direction()).isEqualTo(Direction.OUT);
        assertThat(next.desired()).isEqualTo(4);
    }

    @Test
    void scalesInToTheHighestRecommendationOfTheStabilizationWindowAfterTheCooldown() {
        Fakes.Service service = new Fakes.Service(1);
        AutoscalingConfig config = cpu50(1, 4)
                .withCooldowns(Duration.ofSeconds(5), Duration.ofSeconds(20))
                .withScaleInStabilization(Duration.ofSeconds(15));
        Autoscaler autoscaler = autoscaler(config, service);
        source.steady(100);
        assertThat(autoscaler.evaluate().desired()).isEqualTo(2);

        // Load ends: the recommendation drops to 1, but the scale-out recommendation of 2 is still in the window.
        clock.advance(Duration.ofSeconds(10));
        source.steady(5, 5);
        ScalingDecision stabilizing = autoscaler.evaluate();
        assertThat(stabilizing.direction()).isEqualTo(Direction.NONE);
        assertThat(stabilizing.reason())
                .startsWith("scale-in stabilization: highest recommendation in the last 15 s is 2 tasks");

        // Out of the window, but the scale-in cooldown (20 s after the last scaling) still holds.
        clock.advance(Duration.ofSeconds(6));
        ScalingDecision cooling = autoscaler.evaluate();
        assertThat(cooling.reason()).startsWith("scale-in cooldown, 4 s left: 2 tasks kept (cpu 5% < target 50%");

        clock.advance(Duration.ofSeconds(4));
        ScalingDecision in = autoscaler.evaluate();
        assertThat(in.direction()).isEqualTo(Direction.IN);
        assertThat(in.desired()).isEqualTo(1);
        assertThat(in.reason()).isEqualTo("cpu 5% < target 50%: 2 → 1 tasks (ceil(2 × 5 / 50))");
        assertThat(service.count).isEqualTo(1);
    }

    @Test
    void stabilizationScalesInOnlyAsFarAsTheHighestRecentRecommendation() {
        Fakes.Service service = new Fakes.Service(4);
        AutoscalingConfig config = cpu50(1, 4)
                .withCooldowns(Duration.ZERO, Duration.ZERO)
                .withScaleInStabilization(Duration.ofSeconds(10));
        Autoscaler autoscaler = autoscaler(config, service);
        source.steady(37, 37, 37, 37); // ceil(4 × 37 / 50) = 3
        assertThat(autoscaler.evaluate().desired()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(2));
        source.steady(10, 10, 10); // ceil(3 × 10 / 50) = 1, but 3 was recommended 2 s ago
        ScalingDecision held = autoscaler.evaluate();
        assertThat(held.desired()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(9));
        ScalingDecision in = autoscaler.evaluate();
        assertThat(in.desired()).isEqualTo(1);
    }

    @Test
    void doesNotCountTheStartUpCpuOfANewTask() {
        Fakes.Service service = new Fakes.Service(2);
        source.set(
                new MetricReading("old", 30, Duration.ofMinutes(5), true),
                new MetricReading("new", 100, Duration.ofSeconds(3), true));

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        // Only the old task counts: 30% < 50%, so it would scale in, not out.
        assertThat(decision.metricValue()).isEqualTo(30.0);
        assertThat(decision.direction()).isNotEqualTo(Direction.OUT);
    }

    @Test
    void countsAWarmingTaskAsIdleBeforeScalingOutAgain() {
        Fakes.Service service = new Fakes.Service(2);
        source.set(
                new MetricReading("old", 90, Duration.ofMinutes(5), true),
                new MetricReading("new", 0, Duration.ofSeconds(2), false));

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        // 90% on the old one, 45% over both: the new task is expected to take half; no change.
        assertThat(decision.direction()).isEqualTo(Direction.NONE);
        assertThat(decision.reason()).contains("45% counting 1 warming tasks as idle: stays at 2 tasks");
    }

    @Test
    void saysWhenNoTaskIsReadyYet() {
        Fakes.Service service = new Fakes.Service(1);
        source.set(new MetricReading("new", 100, Duration.ofSeconds(1), false));

        ScalingDecision decision = autoscaler(cpu50(1, 3), service).evaluate();

        assertThat(decision.direction()).isEqualTo(Direction.NONE);
        assertThat(decision.reason()).isEqualTo("no cpu reading from a ready task yet (1 warming up)");
    }

    @Test
    void scalesToZeroWhenMinIsZeroAndComesBackOnDemand() {
        Fakes.Service service = new Fakes.Service(1);
        Autoscaler autoscaler = autoscaler(
                AutoscalingConfig.targetTracking(0, 3, new TargetTracking(ScalingMetric.REQUESTS_PER_TARGET, 10))
                        .withCooldowns(Duration.ZERO, Duration.ZERO)
                        .withScaleInStabilization(Duration.ZERO),
                service);
        source.steady(0);
        ScalingDecision toZero = autoscaler.evaluate();
        assertThat(toZero.desired()).isZero();
        assertThat(toZero.reason())
                .isEqualTo("requestsPerTarget 0 req/s < target 10 req/s: 1 → 0 tasks (ceil(1 × 0 / 10))");

        clock.advance(Duration.ofSeconds(1));
        source.set();
        assertThat(autoscaler.evaluate().reason()).isEqualTo("scaled to zero, no demand: stays at 0 tasks");

        clock.advance(Duration.ofSeconds(1));
        source.set(MetricReading.steady("held requests", 1));
        ScalingDecision back = autoscaler.evaluate();
        assertThat(back.desired()).isEqualTo(1);
        assertThat(back.reason()).isEqualTo("demand while scaled to zero: 0 → 1 tasks");
    }

    @Test
    void followsP95Latency() {
        Fakes.Service service = new Fakes.Service(2);
        source.set(MetricReading.steady("web", 450));

        ScalingDecision decision = autoscaler(
                        AutoscalingConfig.targetTracking(1, 5, new TargetTracking(ScalingMetric.LATENCY_P95, 200)),
                        service)
                .evaluate();

        assertThat(decision.desired()).isEqualTo(5);
        assertThat(decision.reason()).startsWith("p95Latency 450 ms > target 200 ms: 2 → 5 tasks");
    }

    @Test
    void stepScalingAddsTheAdjustmentOfTheMatchingStep() {
        Fakes.Service service = new Fakes.Service(2);
        StepScaling steps = new StepScaling(
                ScalingMetric.CPU,
                List.of(
                        new StepScaling.Step(null, 20.0, -1),
                        new StepScaling.Step(20.0, 70.0, 0),
                        new StepScaling.Step(70.0, 90.0, 1),
                        new StepScaling.Step(90.0, null, 2)));
        Autoscaler autoscaler = autoscaler(
                AutoscalingConfig.stepScaling(1, 6, steps)
                        .withCooldowns(Duration.ZERO, Duration.ZERO)
                        .withScaleInStabilization(Duration.ZERO),
                service);

        source.steady(95, 95);
        ScalingDecision out = autoscaler.evaluate();
        assertThat(out.desired()).isEqualTo(4);
        assertThat(out.reason()).isEqualTo("cpu 95% in step [90, +∞) (+2): 2 → 4 tasks");

        clock.advance(Duration.ofSeconds(1));
        source.steady(50, 50, 50, 50);
        assertThat(autoscaler.evaluate().direction()).isEqualTo(Direction.NONE);

        clock.advance(Duration.ofSeconds(1));
        source.steady(10, 10, 10, 10);
        ScalingDecision in = autoscaler.evaluate();
        assertThat(in.desired()).isEqualTo(3);
        assertThat(in.reason()).isEqualTo("cpu 10% in step [-∞, 20) (-1): 4 → 3 tasks");
    }
}
