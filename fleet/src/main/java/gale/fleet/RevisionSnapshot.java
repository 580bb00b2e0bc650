package gale.fleet;

import static java.util.Objects.requireNonNull;

/**
 * One revision of a service's task definition as it is now: every task launched from it carries its number in
 * {@code GALE_REVISION}.
 *
 * @param number 1 for the definition the service was created with, then one more for each new one
 * @param config the task definition (command, environment, CPU, memory; its desired count is not used)
 * @param desiredCount how many of its tasks should be PENDING or RUNNING
 * @param pendingCount its tasks launched but not accepting connections yet
 * @param runningCount its tasks accepting connections
 * @param failedTasks its tasks that failed to launch, exited on their own, or failed their health checks
 */
public record RevisionSnapshot(
        int number, ServiceConfig config, int desiredCount, int pendingCount, int runningCount, int failedTasks) {

    public RevisionSnapshot {
        requireNonNull(config, "config");
        if (number < 1) {
            throw new IllegalArgumentException("number: " + number + " (expected: >= 1)");
        }
    }
}
