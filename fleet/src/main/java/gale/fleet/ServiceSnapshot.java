package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One service as it is now.
 *
 * @param name the service's name
 * @param desiredCount how many tasks should be PENDING or RUNNING
 * @param pendingCount tasks launched but not accepting connections yet
 * @param runningCount tasks accepting connections
 * @param drainingCount tasks being stopped gracefully
 * @param restarts tasks replaced after failing (exit, kill, failed start or failed health checks) so far
 * @param consecutiveFailures failures at start (or soon after) in a row; drives the restart backoff
 * @param nextLaunchAt when the backoff lets the next replacement launch, or {@code null} if nothing waits
 * @param config the service's configuration, with its current desired count
 */
public record ServiceSnapshot(
        String name,
        int desiredCount,
        int pendingCount,
        int runningCount,
        int drainingCount,
        int restarts,
        int consecutiveFailures,
        Instant nextLaunchAt,
        ServiceConfig config) {

    public ServiceSnapshot {
        requireNonNull(name, "name");
        requireNonNull(config, "config");
    }
}
