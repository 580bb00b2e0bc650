package gale.control.deploy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How a service is deployed: the stack file's {@code deployment} block, with the anchors' names and defaults (the one
 * place they are written; docs/deployments.md).
 *
 * @param strategy rolling (default), canary, linear or blue-green
 * @param minimumHealthyPercent ECS: tasks of the service that stay healthy during a rolling deployment, in percent of
 *     the desired count, rounded up (default 100)
 * @param maximumPercent ECS: tasks that may run during a rolling deployment, in percent, rounded down (default 200)
 * @param canarySteps Argo Rollouts' steps; default {@code setWeight: 10, pause: 5m} (CodeDeploy's
 *     Canary10Percent5Minutes)
 * @param stepPercent linear: traffic moved to the new revision at each step (ECS: default 10, 3-100)
 * @param stepBakeTime linear: wait after each step but the last (ECS: default 6 min)
 * @param bakeTime canary, linear, blue-green: both revisions run this long after the full shift before the old one is
 *     drained; alarms still roll back (ECS's bakeTimeInMinutes; default 0)
 * @param circuitBreaker ECS's deployment circuit breaker: enabled, and rolling back, by default
 * @param alarms names of alarms that fail the deployment when they go to ALARM during it or its bake time
 * @param alarmRollback whether such a failure rolls back (ECS's {@code DeploymentAlarms.rollback})
 * @param progressDeadline a deployment that makes no progress this long fails (Kubernetes, Argo: 600 s)
 */
public record DeploymentConfig(
        Strategy strategy,
        int minimumHealthyPercent,
        int maximumPercent,
        List<CanaryStep> canarySteps,
        int stepPercent,
        Duration stepBakeTime,
        Duration bakeTime,
        CircuitBreaker circuitBreaker,
        List<String> alarms,
        boolean alarmRollback,
        Duration progressDeadline) {

    public static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
    public static final int DEFAULT_MAXIMUM_PERCENT = 200;
    public static final List<CanaryStep> DEFAULT_CANARY_STEPS =
            List.of(new CanaryStep.SetWeight(10), new CanaryStep.Pause(Duration.ofMinutes(5)));
    public static final int DEFAULT_STEP_PERCENT = 10;
    public static final Duration DEFAULT_STEP_BAKE_TIME = Duration.ofMinutes(6);
    public static final Duration DEFAULT_BAKE_TIME = Duration.ZERO;
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofSeconds(600);

    public static final DeploymentConfig DEFAULTS = new DeploymentConfig(
            Strategy.ROLLING,
            DEFAULT_MINIMUM_HEALTHY_PERCENT,
            DEFAULT_MAXIMUM_PERCENT,
            DEFAULT_CANARY_STEPS,
            DEFAULT_STEP_PERCENT,
            DEFAULT_STEP_BAKE_TIME,
            DEFAULT_BAKE_TIME,
            CircuitBreaker.DEFAULTS,
            List.of(),
            true,
            DEFAULT_PROGRESS_DEADLINE);

    public DeploymentConfig {
        requireNonNull(strategy, "strategy");
        requireNonNull(stepBakeTime, "stepBakeTime");
        requireNonNull(bakeTime, "bakeTime");
        requireNonNull(circuitBreaker, "circuitBreaker");
        requireNonNull(progressDeadline, "progressDeadline");
        canarySteps = List.copyOf(canarySteps);
        alarms = List.copyOf(alarms);
        if (minimumHealthyPercent < 0 || minimumHealthyPercent > 100) {
            throw new IllegalArgumentException(
                    "minimumHealthyPercent: " + minimumHealthyPercent + " (expected: 0-100)");
        }
        if (maximumPercent < 100 || maximumPercent > 200) {
            throw new IllegalArgumentException("maximumPercent: " + maximumPercent + " (expected: 100-200)");
        }
        if (minimumHealthyPercent == 100 && maximumPercent == 100) {
            throw new IllegalArgumentException(
                    "maximumPercent: 100 (expected: above 100 when minimumHealthyPercent is 100, or no task could"
                            + " ever be replaced)");
        }
        if (stepPercent < 3 || stepPercent > 100) {
            throw new IllegalArgumentException("stepPercent: " + stepPercent + " (expected: 3-100)");
        }
        nonNegative("stepBakeTime", stepBakeTime);
        nonNegative("bakeTime", bakeTime);
        if (progressDeadline.isNegative() || progressDeadline.isZero()) {
            throw new IllegalArgumentException("progressDeadline: " + progressDeadline + " (expected: > 0)");
        }
    }

    private static void nonNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }

    public DeploymentConfig withStrategy(Strategy newStrategy) {
        return new DeploymentConfig(
                newStrategy,
                minimumHealthyPercent,
                maximumPercent,
                canarySteps,
                stepPercent,
                stepBakeTime,
                bakeTime,
                circuitBreaker,
                alarms,
                alarmRollback,
                progressDeadline);
    }

    /**
     * ECS's deployment circuit breaker: after {@link #threshold} tasks of the new revision failed to start or to turn
     * healthy, the deployment fails, and rolls back when {@code rollback}.
     */
    public record CircuitBreaker(boolean enable, boolean rollback) {
        public static final CircuitBreaker DEFAULTS = new CircuitBreaker(true, true);

        /** ECS's formula: 0.5 × the desired count, rounded up, clamped to [3, 200]. */
        public static int threshold(int desiredCount) {
            int half = (desiredCount + 1) / 2;
            return Math.min(200, Math.max(3, half));
        }
    }
}
