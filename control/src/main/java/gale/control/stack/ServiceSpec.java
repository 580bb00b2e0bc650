package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A service: {@code desiredCount} tasks of one command, like an ECS service. An empty {@code command} runs the built-in
 * reference app; {@code {port}} in the command and {@code PORT} in the environment carry the task's port.
 */
public record ServiceSpec(
        List<String> command,
        Map<String, String> env,
        Optional<String> workingDirectory,
        OptionalDouble cpu,
        OptionalLong memoryBytes,
        int desiredCount,
        Optional<String> targetGroup,
        Duration stopTimeout,
        Duration healthCheckGracePeriod,
        DeploymentSpec deployment,
        Optional<AutoscalingSpec> autoscaling) {

    public static final int DEFAULT_DESIRED_COUNT = 1;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Like ECS's healthCheckGracePeriodSeconds: a JVM task's first requests are slow, it is not sick. */
    public static final Duration DEFAULT_HEALTH_CHECK_GRACE_PERIOD = Duration.ofSeconds(10);

    public ServiceSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        requireNonNull(workingDirectory, "workingDirectory");
        requireNonNull(cpu, "cpu");
        requireNonNull(memoryBytes, "memoryBytes");
        if (desiredCount < 0) {
            throw new IllegalArgumentException("desiredCount: " + desiredCount + " (expected: >= 0)");
        }
        requireNonNull(targetGroup, "targetGroup");
        requireNonNull(stopTimeout, "stopTimeout");
        requireNonNull(healthCheckGracePeriod, "healthCheckGracePeriod");
        requireNonNull(deployment, "deployment");
        requireNonNull(autoscaling, "autoscaling");
    }

    /** True when the service runs Gale's own reference app rather than a command of its own. */
    public boolean builtInApp() {
        return command.isEmpty();
    }

    public ServiceSpec withDesiredCount(int count) {
        return new ServiceSpec(
                command,
                env,
                workingDirectory,
                cpu,
                memoryBytes,
                count,
                targetGroup,
                stopTimeout,
                healthCheckGracePeriod,
                deployment,
                autoscaling);
    }

    /** Rolling deployment bounds, as ECS's: how far below and above the desired count a deployment may go. */
    public record DeploymentSpec(int minimumHealthyPercent, int maximumPercent) {
        public static final DeploymentSpec DEFAULTS = new DeploymentSpec(100, 200);

        public DeploymentSpec {
            if (minimumHealthyPercent < 0 || minimumHealthyPercent > 100) {
                throw new IllegalArgumentException(
                        "minimumHealthyPercent: " + minimumHealthyPercent + " (expected: 0-100)");
            }
            if (maximumPercent < 100) {
                throw new IllegalArgumentException("maximumPercent: " + maximumPercent + " (expected: >= 100)");
            }
        }
    }
}
