package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A service: a template and how many tasks of it should run.
 *
 * @param name the service's name; task ids start with it ({@code web-1a2b3c})
 * @param template how to launch a task
 * @param desiredCount how many tasks should be PENDING or RUNNING
 * @param stopTimeout how long a graceful stop waits for the drain, and then for the process after SIGTERM,
 *     before SIGKILL (ECS: 30 s)
 * @param startTimeout how long a new task may take to accept TCP connections on its port before it counts as
 *     failed to start
 * @param cpuLimit CPU cores the task may use (Fargate's {@code cpu: 0.25}), or {@code null} for no limit
 * @param memoryLimitBytes memory the task may use, or {@code null} for no limit
 */
public record ServiceConfig(
        String name,
        TaskTemplate template,
        int desiredCount,
        Duration stopTimeout,
        Duration startTimeout,
        Double cpuLimit,
        Long memoryLimitBytes) {

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final int MAX_DESIRED_COUNT = 1_000;
    /** ECS's desired count when a service names none. */
    public static final int DEFAULT_DESIRED_COUNT = 1;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}", Pattern.CASE_INSENSITIVE);

    public ServiceConfig {
        requireNonNull(name, "name");
        requireNonNull(template, "template");
        requireNonNull(stopTimeout, "stopTimeout");
        requireNonNull(startTimeout, "startTimeout");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name: '" + name + "' (expected: letters, digits, '-' or '_', at most 63, starting alphanumeric)");
        }
        checkDesiredCount(desiredCount);
        checkStopTimeout(stopTimeout);
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout: " + startTimeout + " (expected: > 0)");
        }
        checkLimits(cpuLimit, memoryLimitBytes);
    }

    /** The checks of the values a stack file sets, for a caller that validates before it builds a service. */
    public static void checkStopTimeout(Duration stopTimeout) {
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout: " + stopTimeout + " (expected: >= 0)");
        }
    }

    /** {@code cpu} in cores (0.01-1024) and {@code memory} in bytes (at least 4 MiB); null means no limit. */
    public static void checkLimits(Double cpu, Long memoryBytes) {
        if (cpu != null && !(cpu >= 0.01 && cpu <= 1024)) {
            throw new IllegalArgumentException("cpu: " + cpu + " (expected: 0.01-1024 cores, or none)");
        }
        if (memoryBytes != null && memoryBytes < 4L * 1024 * 1024) {
            throw new IllegalArgumentException("memory: " + memoryBytes + " bytes (expected: >= 4 MiB, or none)");
        }
    }

    /** A service with the default timeouts and no resource limits. */
    public static ServiceConfig of(String name, TaskTemplate template, int desiredCount) {
        return new ServiceConfig(name, template, desiredCount, DEFAULT_STOP_TIMEOUT, DEFAULT_START_TIMEOUT, null, null);
    }

    public ServiceConfig withDesiredCount(int count) {
        return new ServiceConfig(name, template, count, stopTimeout, startTimeout, cpuLimit, memoryLimitBytes);
    }

    public ServiceConfig withTimeouts(Duration stop, Duration start) {
        return new ServiceConfig(name, template, desiredCount, stop, start, cpuLimit, memoryLimitBytes);
    }

    public ServiceConfig withLimits(Double cpu, Long memoryBytes) {
        return new ServiceConfig(name, template, desiredCount, stopTimeout, startTimeout, cpu, memoryBytes);
    }

    public static void checkDesiredCount(int desiredCount) {
        if (desiredCount < 0 || desiredCount > MAX_DESIRED_COUNT) {
            throw new IllegalArgumentException(
                    "desiredCount: " + desiredCount + " (expected: 0-" + MAX_DESIRED_COUNT + ")");
        }
    }
}
