package gale.control.deploy;

/**
 * ECS's rolling update, one decision at a time: how many tasks of the new revision to run and how many of the old
 * ones to keep, so that at least {@code minimumHealthyPercent} of the desired count (rounded up) stays healthy and at
 * most {@code maximumPercent} (rounded down) run. Old tasks count as healthy; new ones once their target is.
 */
final class RollingMath {

    /** The counts to set now. */
    record Counts(int newTasks, int oldTasks) {}

    private RollingMath() {}

    static int minimumHealthy(int desired, int minimumHealthyPercent) {
        return (int) Math.ceil(desired * minimumHealthyPercent / 100.0);
    }

    static int maximumTasks(int desired, int maximumPercent) {
        return (int) Math.floor(desired * maximumPercent / 100.0);
    }

    /**
     * @param desired the service's desired count
     * @param newTasks tasks of the new revision asked for so far
     * @param newHealthy those of them that are healthy targets
     * @param oldTasks tasks of the old revisions still asked for
     */
    static Counts next(DeploymentConfig config, int desired, int newTasks, int newHealthy, int oldTasks) {
        int minimum = minimumHealthy(desired, config.minimumHealthyPercent());
        // At least one task more than the minimum may run, or a service of 1 at 100/100 could never move.
        int maximum = Math.max(maximumTasks(desired, config.maximumPercent()), minimum + 1);
        int stoppable = Math.max(0, Math.min(oldTasks, oldTasks + newHealthy - minimum));
        int old = oldTasks - stoppable;
        int fresh = Math.max(newTasks, Math.min(desired, maximum - old));
        return new Counts(fresh, old);
    }
}
