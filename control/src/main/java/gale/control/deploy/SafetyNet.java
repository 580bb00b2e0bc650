package gale.control.deploy;

import java.time.Instant;
import java.util.Locale;

/**
 * The safety nets of one deployment: ECS's circuit breaker on the new revision's failed tasks, the named alarms, and
 * a progress deadline. Time comes from the caller, so a test moves it by hand.
 */
final class SafetyNet {

    /** A net that caught the deployment: why, and whether it rolls back. */
    record Trip(String reason, boolean rollback) {}

    private final DeploymentConfig config;
    private final int revision;
    /** The revision's failed tasks before this deployment (a rollback returns to a revision with a past). */
    private final int failedBaseline;

    private Instant progressAt;
    private int lastHealthy = -1;
    private volatile String alarm;

    SafetyNet(DeploymentConfig config, int revision, int failedBaseline, Instant start) {
        this.config = config;
        this.revision = revision;
        this.failedBaseline = failedBaseline;
        this.progressAt = start;
    }

    /** The deployment moved on to its next stage. */
    void progressed(Instant now) {
        progressAt = now;
    }

    /** A named alarm went to ALARM: the next check trips. Any thread. */
    void alarmFired(String name, String reason) {
        if (config.alarms().contains(name)) {
            alarm = "alarm " + name + " went to ALARM: " + reason;
        }
    }

    /**
     * @param failed the revision's failed tasks so far
     * @param healthy its healthy tasks now
     * @param waiting whether the deployment waits on purpose (pause, bake time, analysis): no deadline then
     * @return the net that tripped, or null
     */
    Trip check(int desired, int failed, int healthy, boolean waiting, Instant now) {
        int threshold = DeploymentConfig.CircuitBreaker.threshold(desired);
        int failedHere = failed - failedBaseline;
        if (config.circuitBreaker().enable() && failedHere >= threshold) {
            return new Trip(
                    String.format(
                            Locale.ROOT,
                            "circuit breaker: %d task(s) of revision %d failed to start or to turn healthy"
                                    + " (threshold %d: 0.5 × desired count %d, within [3, 200])",
                            failedHere,
                            revision,
                            threshold,
                            desired),
                    config.circuitBreaker().rollback());
        }
        if (alarm != null) {
            return new Trip(alarm, config.alarmRollback());
        }
        if (healthy != lastHealthy) {
            lastHealthy = healthy;
            progressAt = now;
        }
        if (!waiting && !now.isBefore(progressAt.plus(config.progressDeadline()))) {
            return new Trip(
                    "progress deadline: no progress for "
                            + config.progressDeadline().toSeconds() + " s",
                    true);
        }
        return null;
    }
}
