package gale.control.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small policies: ECS's rounding and circuit breaker formula, the strategies' stages, the config's checks. */
class DeploymentPolicyTest {

    @Test
    void circuitBreakerThreshold_isHalfTheDesiredCountClampedToThreeAndTwoHundred() {
        assertThat(DeploymentConfig.CircuitBreaker.threshold(1)).isEqualTo(3);
        assertThat(DeploymentConfig.CircuitBreaker.threshold(4)).isEqualTo(3);
        assertThat(DeploymentConfig.CircuitBreaker.threshold(7)).isEqualTo(4);
        assertThat(DeploymentConfig.CircuitBreaker.threshold(10)).isEqualTo(5);
        assertThat(DeploymentConfig.CircuitBreaker.threshold(1000)).isEqualTo(200);
    }

    @Test
    void rollingBounds_roundMinimumUpAndMaximumDownAsEcs() {
        assertThat(RollingMath.minimumHealthy(3, 50)).isEqualTo(2);
        assertThat(RollingMath.maximumTasks(3, 150)).isEqualTo(4);
        assertThat(RollingMath.minimumHealthy(4, 100)).isEqualTo(4);
        assertThat(RollingMath.maximumTasks(4, 200)).isEqualTo(8);
    }

    @Test
    void rollingNext_atOneHundredAndOneHundredFiftyReplacesTwoAtATime() {
        DeploymentConfig config = new DeploymentConfig(
                Strategy.ROLLING,
                100,
                150,
                List.of(),
                10,
                Duration.ZERO,
                Duration.ZERO,
                DeploymentConfig.CircuitBreaker.DEFAULTS,
                List.of(),
                true,
                Duration.ofMinutes(10));

        assertThat(RollingMath.next(config, 4, 0, 0, 4)).isEqualTo(new RollingMath.Counts(2, 4));
        assertThat(RollingMath.next(config, 4, 2, 2, 4)).isEqualTo(new RollingMath.Counts(4, 2));
        assertThat(RollingMath.next(config, 4, 4, 4, 2)).isEqualTo(new RollingMath.Counts(4, 0));
    }

    @Test
    void trafficTasks_roundUpWithAtLeastOneForAnyWeight() {
        assertThat(TrafficMath.tasksFor(4, 10)).isEqualTo(1);
        assertThat(TrafficMath.tasksFor(4, 30)).isEqualTo(2);
        assertThat(TrafficMath.tasksFor(4, 100)).isEqualTo(4);
        assertThat(TrafficMath.tasksFor(4, 0)).isZero();
    }

    @Test
    void linearPlan_stepsByStepPercentWithABakeAfterEachButTheLast() {
        DeploymentConfig d = DeploymentConfig.DEFAULTS;
        DeploymentConfig linear = new DeploymentConfig(
                Strategy.LINEAR,
                100,
                200,
                d.canarySteps(),
                25,
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                d.circuitBreaker(),
                List.of(),
                true,
                d.progressDeadline());

        assertThat(Phase.plan(linear))
                .containsExactly(
                        new Phase.Shift(25, 25),
                        new Phase.Pause(Duration.ofSeconds(3)),
                        new Phase.Shift(50, 50),
                        new Phase.Pause(Duration.ofSeconds(3)),
                        new Phase.Shift(75, 75),
                        new Phase.Pause(Duration.ofSeconds(3)),
                        new Phase.Shift(100, 100),
                        new Phase.Bake(Duration.ofSeconds(1)),
                        new Phase.DrainOld());
    }

    @Test
    void defaults_areTheAnchors() {
        DeploymentConfig d = DeploymentConfig.DEFAULTS;
        assertThat(d.strategy()).isEqualTo(Strategy.ROLLING);
        assertThat(d.minimumHealthyPercent()).isEqualTo(100);
        assertThat(d.maximumPercent()).isEqualTo(200);
        assertThat(d.stepPercent()).isEqualTo(10);
        assertThat(d.stepBakeTime()).isEqualTo(Duration.ofMinutes(6));
        assertThat(d.progressDeadline()).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.canarySteps())
                .containsExactly(new CanaryStep.SetWeight(10), new CanaryStep.Pause(Duration.ofMinutes(5)));
    }

    @Test
    void config_refusesValuesOutOfRangeWithTheExpectedOnes() {
        DeploymentConfig d = DeploymentConfig.DEFAULTS;
        assertThatThrownBy(() -> new DeploymentConfig(
                        Strategy.ROLLING,
                        100,
                        100,
                        d.canarySteps(),
                        10,
                        d.stepBakeTime(),
                        d.bakeTime(),
                        d.circuitBreaker(),
                        List.of(),
                        true,
                        d.progressDeadline()))
                .hasMessageStartingWith("maximumPercent: 100 (expected: above 100 when minimumHealthyPercent is 100");
        assertThatThrownBy(() -> new DeploymentConfig(
                        Strategy.LINEAR,
                        100,
                        200,
                        d.canarySteps(),
                        2,
                        d.stepBakeTime(),
                        d.bakeTime(),
                        d.circuitBreaker(),
                        List.of(),
                        true,
                        d.progressDeadline()))
                .hasMessage("stepPercent: 2 (expected: 3-100)");
        assertThatThrownBy(() -> Strategy.parse("big-bang"))
                .hasMessage("strategy: 'big-bang' (expected: rolling, canary, linear, blue-green)");
        assertThatThrownBy(() -> new CanaryStep.SetWeight(120)).hasMessage("setWeight: 120 (expected: 0-100)");
    }
}
