package gale.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledFuture;

/** One service's mutable state. Written only on the supervision thread; {@link #snapshot} is read from any. */
final class ServiceState {

    final ServiceConfig config;

    int desiredCount;
    /** The reason tasks stopped by scaling in carry. */
    String scaleReason = TaskReasons.SCALING;

    /** Every revision of the task definition, by number. */
    final Map<Integer, RevisionState> revisions = new ConcurrentSkipListMap<>();
    /** The revision that {@link Supervisor#scale} sizes: the one that last held every task. */
    RevisionState current;

    int restarts;
    int consecutiveFailures;
    /** No replacement launches before this {@link System#nanoTime()}: the restart backoff. */
    long nextLaunchNanos;

    Instant nextLaunchAt;
    ScheduledFuture<?> launchTimer;

    volatile ServiceSnapshot snapshot;

    ServiceState(ServiceConfig config) {
        this.config = config;
        this.desiredCount = config.desiredCount();
        this.current = new RevisionState(1, config, desiredCount);
        revisions.put(1, current);
        this.snapshot = snapshot(List.of());
    }

    String name() {
        return config.name();
    }

    /** True while more than one revision should have tasks: a deployment is under way. */
    boolean deploying() {
        return revisions.values().stream().filter(r -> r.desiredCount > 0).count() > 1;
    }

    /** A new snapshot from the service's tasks (all of them; others are skipped). */
    ServiceSnapshot snapshot(Collection<TaskRecord> tasks) {
        int pending = 0;
        int running = 0;
        int draining = 0;
        Map<RevisionState, int[]> byRevision = new java.util.HashMap<>();
        for (TaskRecord record : tasks) {
            if (record.service != this) {
                continue;
            }
            int[] counts = byRevision.computeIfAbsent(record.revision, r -> new int[2]);
            switch (record.state()) {
                case PENDING -> {
                    pending++;
                    counts[0]++;
                }
                case RUNNING -> {
                    running++;
                    counts[1]++;
                }
                case DRAINING -> draining++;
                case STOPPED -> {}
            }
        }
        List<RevisionSnapshot> revisionSnapshots = new ArrayList<>();
        for (RevisionState r : revisions.values()) {
            int[] counts = byRevision.getOrDefault(r, new int[2]);
            revisionSnapshots.add(
                    new RevisionSnapshot(r.number, r.config, r.desiredCount, counts[0], counts[1], r.failedTasks));
        }
        Instant launchAt = launchTimer != null ? nextLaunchAt : null;
        return new ServiceSnapshot(
                name(),
                desiredCount,
                pending,
                running,
                draining,
                restarts,
                consecutiveFailures,
                launchAt,
                current.config.withDesiredCount(desiredCount),
                current.number,
                revisionSnapshots);
    }
}
