package gale.control.stack;

import static java.util.Objects.requireNonNull;

import gale.autoscaler.AutoscalingConfig;
import gale.control.deploy.DeploymentConfig;
import gale.fleet.ServiceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A service: {@code desiredCount} tasks of one command, like an ECS service, and how the control plane wires it (its
 * target group, its health check grace period, its autoscaling). An empty {@code command} runs the built-in reference
 * app; {@code {port}} in the command and {@code PORT} in the environment carry the task's port. The fleet's
 * {@link ServiceConfig} owns the limits of the values it receives; this record checks them through it.
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
        Optional<AutoscalingConfig> autoscaling) {

    /** Like ECS's healthCheckGracePeriodSeconds: a JVM task's first requests are slow, it is not sick. */
    public static final Duration DEFAULT_HEALTH_CHECK_GRACE_PERIOD = Duration.ofSeconds(10);

    public ServiceSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        requireNonNull(workingDirectory, "workingDirectory");
        requireNonNull(cpu, "cpu");
        requireNonNull(memoryBytes, "memoryBytes");
        ServiceConfig.checkLimits(
                cpu.isPresent() ? cpu.getAsDouble() : null, memoryBytes.isPresent() ? memoryBytes.getAsLong() : null);
        ServiceConfig.checkDesiredCount(desiredCount);
        requireNonNull(targetGroup, "targetGroup");
        ServiceConfig.checkStopTimeout(requireNonNull(stopTimeout, "stopTimeout"));
        requireNonNull(healthCheckGracePeriod, "healthCheckGracePeriod");
        if (healthCheckGracePeriod.isNegative()) {
            throw new IllegalArgumentException(
                    "healthCheckGracePeriod: " + healthCheckGracePeriod + " (expected: >= 0)");
        }
        requireNonNull(deployment, "deployment");
        requireNonNull(autoscaling, "autoscaling");
        autoscaling.ifPresent(a -> {
            if (desiredCount < a.minCount() || desiredCount > a.maxCount()) {
                throw new IllegalArgumentException("desiredCount: " + desiredCount + " (expected: within autoscaling's "
                        + a.minCount() + "-" + a.maxCount() + ")");
            }
        });
    }

    /** The built-in app's service with the fleet's defaults: what a service written as {@code web: {}} is. */
    public static ServiceSpec builtInApp(int desiredCount, Optional<String> targetGroup) {
        return new ServiceSpec(
                List.of(),
                Map.of(),
                Optional.empty(),
                OptionalDouble.empty(),
                OptionalLong.empty(),
                desiredCount,
                targetGroup,
                ServiceConfig.DEFAULT_STOP_TIMEOUT,
                DEFAULT_HEALTH_CHECK_GRACE_PERIOD,
                DeploymentSpec.DEFAULTS,
                Optional.empty());
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

    /**
     * The {@code deployment} block: how {@code gale deploy} moves the service to a new revision
     * ({@link DeploymentConfig}, which owns the defaults). {@code gale export kubernetes} maps its rolling bounds onto
     * the Deployment's strategy.
     *
     * @param testTargetGroup the target group that holds the tasks of the revision being deployed while a deployment
     *     runs, behind a listener of its own (ECS blue/green's test listener); none by default
     */
    public record DeploymentSpec(DeploymentConfig config, Optional<String> testTargetGroup) {
        public static final DeploymentSpec DEFAULTS = new DeploymentSpec(DeploymentConfig.DEFAULTS, Optional.empty());

        public DeploymentSpec {
            requireNonNull(config, "config");
            requireNonNull(testTargetGroup, "testTargetGroup");
        }

        public int minimumHealthyPercent() {
            return config.minimumHealthyPercent();
        }

        public int maximumPercent() {
            return config.maximumPercent();
        }
    }
}
