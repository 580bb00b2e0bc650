package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

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
 * @param config the service's current task definition, with its desired count
 * @param revision the number of the current revision (the one {@code scale} sizes)
 * @param revisions every revision of the task definition, oldest first; more than one has tasks during a deployment
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
        ServiceConfig config,
        int revision,
        List<RevisionSnapshot> revisions) {

    public ServiceSnapshot {
        requireNonNull(name, "name");
        requireNonNull(config, "config");
        revisions = List.copyOf(revisions);
    }

    /** The revision of that number. */
    public java.util.Optional<RevisionSnapshot> revision(int number) {
        return revisions.stream().filter(r -> r.number() == number).findFirst();
    }
}
