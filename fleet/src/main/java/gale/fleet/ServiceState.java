package gale.fleet;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** One service's mutable state. Written only on the supervision thread; {@link #snapshot} is read from any. */
final class ServiceState {

    final ServiceConfig config;

    int desiredCount;
    /** The reason tasks stopped by scaling in carry. */
    String scaleReason = TaskReasons.SCALING;

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
        this.snapshot = new ServiceSnapshot(config.name(), desiredCount, 0, 0, 0, 0, 0, null, config);
    }

    String name() {
        return config.name();
    }
}
