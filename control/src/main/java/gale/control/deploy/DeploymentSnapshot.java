package gale.control.deploy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One deployment as it is now (or ended), as {@code gale deployments} and {@code GET /api/deployments} show it.
 *
 * @param id unique in the stack, counting from 1
 * @param revision the revision it deploys
 * @param fromRevisions the revisions that had tasks when it started
 * @param step the stage it is in ({@code 2/5 setWeight 10%}), or the last one when it ended
 * @param progress the share of its stages done, 0 to 1
 * @param took from start to end, or so far while in progress
 * @param reason why it started (a user, a changed stack file, a rollback) and, once ended, how it ended
 * @param rollbackOf the deployment it rolls back, or null
 */
public record DeploymentSnapshot(
        long id,
        String service,
        int revision,
        List<Integer> fromRevisions,
        Strategy strategy,
        DeploymentState state,
        String step,
        double progress,
        Instant startedAt,
        Instant endedAt,
        Duration took,
        String reason,
        Long rollbackOf) {

    public DeploymentSnapshot {
        requireNonNull(service, "service");
        requireNonNull(strategy, "strategy");
        requireNonNull(state, "state");
        requireNonNull(step, "step");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(took, "took");
        requireNonNull(reason, "reason");
        fromRevisions = List.copyOf(fromRevisions);
    }
}
