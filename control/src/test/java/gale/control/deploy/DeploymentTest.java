package gale.control.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment's decisions, tick by tick, against a fake service and a clock moved by hand. */
class DeploymentTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> events = new ArrayList<>();

    @Test
    void rolling_launchesUpToMaximumThenStopsOldAsNewTurnHealthy() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 0);
        Deployment d = start(web, 2, DeploymentConfig.DEFAULTS);

        d.tick();
        assertThat(web.countHistory.getFirst()).isEqualTo(Map.of(1, 4, 2, 4));
        d.tick();
        assertThat(web.counts).isEqualTo(Map.of(1, 0, 2, 4));
        d.tick();
        d.tick();

        assertThat(d.state()).isEqualTo(DeploymentState.COMPLETED);
        // Rolling shares by task count: whatever an earlier deployment weighed ends when it starts.
        assertThat(web.weights).containsExactly(Map.of());
        assertThat(events).anyMatch(e -> e.startsWith("deployment.completed revision 2 on all 4 task(s)"));
    }

    @Test
    void aCanaryOfAServiceWithNoTaskSetsNoWeights() {
        FakeService web = new FakeService(2);
        web.counts.put(1, 0);
        web.counts.put(2, 0);
        Deployment d = start(web, 2, config(Strategy.CANARY, 100, 200));

        for (int i = 0; i < 10 && d.state() == DeploymentState.IN_PROGRESS; i++) {
            d.tick();
        }

        assertThat(web.weights).isEmpty();
    }

    @Test
    void aRollbackThatTookTheTrafficBackAtOnceEndsItsWeightsWhenDone() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 1); // an aborted canary; revision 1 still at full strength
        Deployment d = new Deployment(
                2,
                web,
                1,
                DeploymentConfig.DEFAULTS,
                1L,
                "rollback",
                clock,
                (type, deployment, reason) -> events.add(type + " " + reason));
        d.begin();
        assertThat(web.weights.getLast()).isEqualTo(Map.of(1, 100, 2, 0));

        for (int i = 0; i < 10 && d.state() == DeploymentState.IN_PROGRESS; i++) {
            d.tick();
        }

        assertThat(d.state()).isEqualTo(DeploymentState.COMPLETED);
        assertThat(web.weights.getLast()).isEmpty();
    }

    @Test
    void aDeploymentThatSupersededAnotherWeighsTheOldRevisionsByTheirTasks() {
        FakeService web = new FakeService(4);
        web.counts.put(1, 3);
        web.counts.put(2, 1); // a canary superseded at one task
        web.counts.put(3, 0);
        Deployment d = start(web, 3, config(Strategy.CANARY, 100, 200));

        d.tick();
        d.tick();

        assertThat(web.weights.getLast()).isEqualTo(Map.of(3, 10, 2, 23, 1, 67));
    }

    @Test
    void theTestTargetGroupServesTheNewRevisionWhileTheDeploymentRuns() {
        FakeService web = new FakeService(2);
        web.counts.put(2, 0);
        Deployment d = start(web, 2, config(Strategy.BLUE_GREEN, 100, 200));
        assertThat(web.testRoutes).containsExactly(2);
        assertThat(events)
                .anyMatch(e -> e.equals(
                        "deployment.traffic test target group web-test (its listener) serves revision 2's tasks"));

        for (int i = 0; i < 10 && d.state() == DeploymentState.IN_PROGRESS; i++) {
            d.tick();
        }

        assertThat(d.state()).isEqualTo(DeploymentState.COMPLETED);
        assertThat(web.testRoutes).containsExactly(2, 0);
    }

    @Test
    void rolling_withHalfHealthyStopsHalfTheOldTasksFirst() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 0);
        Deployment d = start(web, 2, config(Strategy.ROLLING, 50, 100));

        d.tick();

        assertThat(web.countHistory.getFirst()).isEqualTo(Map.of(1, 2, 2, 2));
        d.tick();
        assertThat(web.counts).isEqualTo(Map.of(1, 0, 2, 4));
    }

    @Test
    void canary_movesRealTrafficWeightsAndWaitsOutItsPause() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 0);
        DeploymentConfig config = config(Strategy.CANARY, 100, 200);
        Deployment d = start(web, 2, config);
        assertThat(web.weights.getFirst()).isEqualTo(Map.of(2, 0, 1, 100));

        d.tick(); // one canary task of four for 10%
        assertThat(web.counts).isEqualTo(Map.of(1, 4, 2, 1));
        assertThat(web.weights.getLast()).isEqualTo(Map.of(2, 0, 1, 100));
        d.tick(); // it is healthy: it gets its share
        assertThat(web.weights.getLast()).isEqualTo(Map.of(2, 10, 1, 90));
        d.tick();
        assertThat(d.step()).isEqualTo("2/5 pause 5000 ms");

        clock.advance(Duration.ofSeconds(5));
        d.tick(); // the pause is over
        d.tick(); // full count
        assertThat(web.counts).isEqualTo(Map.of(1, 4, 2, 4));
        d.tick(); // healthy: all the traffic
        assertThat(web.weights.getLast()).isEqualTo(Map.of(2, 100, 1, 0));
        d.tick(); // bake time 0
        d.tick(); // the old revision drains
        d.tick();

        assertThat(web.counts).isEqualTo(Map.of(1, 0, 2, 4));
        assertThat(web.weights.getLast()).isEmpty();
        assertThat(d.state()).isEqualTo(DeploymentState.COMPLETED);
    }

    @Test
    void circuitBreaker_failsAfterEcsThresholdOfFailedTasksAndAsksForRollback() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 0);
        web.bad.add(2);
        Deployment d = start(web, 2, DeploymentConfig.DEFAULTS);

        for (int i = 0; i < 10 && d.state() == DeploymentState.IN_PROGRESS; i++) {
            d.tick();
        }

        assertThat(d.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(d.rollbackWanted()).isTrue();
        assertThat(d.previousRevision()).isEqualTo(1);
        assertThat(d.snapshot().reason())
                .contains("circuit breaker: 3 task(s) of revision 2 failed to start or to turn healthy (threshold 3");
        assertThat(events).anyMatch(e -> e.startsWith("deployment.failed") && e.endsWith("rolling back to revision 1"));
    }

    @Test
    void analysis_failsOnTheErrorRateOfTheNewRevisionAndAbortsToWeightZeroAtOnce() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 0);
        AnalysisSpec spec = AnalysisSpec.DEFAULTS.withInterval(Duration.ofSeconds(1));
        DeploymentConfig config = withSteps(
                config(Strategy.CANARY, 100, 200),
                List.of(new CanaryStep.SetWeight(10), new CanaryStep.Analysis(spec)));
        Deployment d = start(web, 2, config);
        d.tick();
        d.tick();
        d.tick(); // the analysis starts its first window
        web.nextWindow = new RevisionWindow(100, 30, 12);

        clock.advance(Duration.ofSeconds(1));
        d.tick();

        assertThat(d.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(d.rollbackWanted()).isTrue();
        assertThat(d.snapshot().reason())
                .contains("analysis failed: error rate 30.0% of 100 requests (expected: <= 1.0%), p99 12 ms");
        assertThat(events).anyMatch(e -> e.startsWith("deployment.analysis revision 2: error rate 30.0%"));
        // Argo's abort: weight 0 before a task stops; the rollback then scales the canary down.
        assertThat(web.weights).contains(Map.of(2, 10, 1, 90));
        assertThat(web.weights.getLast()).isEqualTo(Map.of(2, 0, 1, 100));
        assertThat(web.counts).isEqualTo(Map.of(1, 4, 2, 1));
        assertThat(events)
                .anyMatch(e -> e.startsWith("deployment.traffic revision 2 gets 10% of the traffic, revision 1 90%"))
                .anyMatch(e -> e.startsWith("deployment.traffic revision 2 gets 0% of the traffic, revision 1 100%"));
    }

    @Test
    void analysis_passesAfterItsCountOfGoodMeasurementsAndIgnoresTooFewRequests() {
        FakeService web = new FakeService(2);
        web.counts.put(2, 0);
        AnalysisSpec spec = AnalysisSpec.DEFAULTS.withInterval(Duration.ofSeconds(1));
        Deployment d = start(
                web,
                2,
                withSteps(
                        config(Strategy.CANARY, 100, 200),
                        List.of(new CanaryStep.SetWeight(50), new CanaryStep.Analysis(spec))));
        d.tick();
        d.tick();
        d.tick();
        web.nextWindow = new RevisionWindow(3, 3, 0); // inconclusive
        clock.advance(Duration.ofSeconds(1));
        d.tick();
        web.nextWindow = new RevisionWindow(100, 0, 20);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            d.tick();
        }

        assertThat(d.step()).startsWith("3/5 setWeight 100%");
        assertThat(d.state()).isEqualTo(DeploymentState.IN_PROGRESS);
    }

    @Test
    void alarm_namedInTheConfigFailsTheDeployment() {
        FakeService web = new FakeService(2);
        web.counts.put(2, 0);
        DeploymentConfig base = config(Strategy.BLUE_GREEN, 100, 200);
        DeploymentConfig config = new DeploymentConfig(
                base.strategy(),
                100,
                200,
                base.canarySteps(),
                10,
                Duration.ZERO,
                Duration.ofMinutes(1),
                base.circuitBreaker(),
                List.of("high-5xx"),
                true,
                base.progressDeadline());
        Deployment d = start(web, 2, config);
        d.tick();
        d.tick();
        d.alarmFired("other", "ignored");
        d.tick();
        assertThat(d.state()).isEqualTo(DeploymentState.IN_PROGRESS);

        d.alarmFired("high-5xx", "Threshold crossed");
        d.tick();

        assertThat(d.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(d.snapshot().reason()).contains("alarm high-5xx went to ALARM: Threshold crossed");
    }

    @Test
    void alarm_doesNotFailARollback() {
        FakeService web = new FakeService(4);
        web.counts.put(2, 1);
        DeploymentConfig base = DeploymentConfig.DEFAULTS;
        DeploymentConfig config = new DeploymentConfig(
                base.strategy(),
                base.minimumHealthyPercent(),
                base.maximumPercent(),
                base.canarySteps(),
                base.stepPercent(),
                base.stepBakeTime(),
                base.bakeTime(),
                base.circuitBreaker(),
                List.of("high-5xx"),
                true,
                base.progressDeadline());
        Deployment d = new Deployment(
                2,
                web,
                1,
                config,
                1L,
                "rollback",
                clock,
                (type, deployment, reason) -> events.add(type + " " + reason));
        d.begin();

        d.alarmFired("high-5xx", "Threshold crossed by the deployment being undone");
        for (int i = 0; i < 10 && d.state() == DeploymentState.IN_PROGRESS; i++) {
            d.tick();
        }

        assertThat(d.state()).isEqualTo(DeploymentState.COMPLETED);
    }

    @Test
    void progressDeadline_failsADeploymentThatStalls() {
        FakeService web = new FakeService(2);
        web.counts.put(2, 0);
        web.bad.add(2);
        DeploymentConfig base = DeploymentConfig.DEFAULTS;
        DeploymentConfig config = new DeploymentConfig(
                Strategy.ROLLING,
                100,
                200,
                base.canarySteps(),
                10,
                Duration.ZERO,
                Duration.ZERO,
                new DeploymentConfig.CircuitBreaker(false, false),
                List.of(),
                true,
                Duration.ofSeconds(30));
        Deployment d = start(web, 2, config);
        d.tick();
        clock.advance(Duration.ofSeconds(29));
        d.tick();
        assertThat(d.state()).isEqualTo(DeploymentState.IN_PROGRESS);

        clock.advance(Duration.ofSeconds(2));
        d.tick();

        assertThat(d.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(d.snapshot().reason()).contains("progress deadline: no progress for 30 s");
    }

    @Test
    void blueGreen_runsTheNewRevisionAtFullCountWithoutTrafficThenSwitches() {
        FakeService web = new FakeService(3);
        web.counts.put(2, 0);
        Deployment d = start(web, 2, config(Strategy.BLUE_GREEN, 100, 200));

        d.tick();
        assertThat(web.counts).isEqualTo(Map.of(1, 3, 2, 3));
        d.tick(); // every new task healthy, still no traffic
        assertThat(web.weights.getLast()).isEqualTo(Map.of(2, 0, 1, 100));
        d.tick(); // the switch
        assertThat(web.weights.getLast()).isEqualTo(Map.of(2, 100, 1, 0));
    }

    private Deployment start(FakeService service, int revision, DeploymentConfig config) {
        Deployment d = new Deployment(
                1,
                service,
                revision,
                config,
                null,
                "test",
                clock,
                (type, deployment, reason) -> events.add(type + " " + reason));
        d.begin();
        return d;
    }

    private static DeploymentConfig config(Strategy strategy, int minimum, int maximum) {
        DeploymentConfig d = DeploymentConfig.DEFAULTS;
        return new DeploymentConfig(
                strategy,
                minimum,
                maximum,
                List.of(new CanaryStep.SetWeight(10), new CanaryStep.Pause(Duration.ofSeconds(5))),
                10,
                Duration.ofSeconds(2),
                Duration.ZERO,
                d.circuitBreaker(),
                List.of(),
                true,
                d.progressDeadline());
    }

    private static DeploymentConfig withSteps(DeploymentConfig c, List<CanaryStep> steps) {
        return new DeploymentConfig(
                c.strategy(),
                c.minimumHealthyPercent(),
                c.maximumPercent(),
                steps,
                c.stepPercent(),
                c.stepBakeTime(),
                c.bakeTime(),
                c.circuitBreaker(),
                c.alarms(),
                c.alarmRollback(),
                c.progressDeadline());
    }
}
