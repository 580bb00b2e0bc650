package gale.fleet;

/** One revision of a service's task definition and how many of its tasks should run. Loop thread only. */
final class RevisionState {

    final int number;
    final ServiceConfig config;
    int desiredCount;
    /** Tasks of this revision that failed to launch, exited on their own, or failed their health checks. */
    int failedTasks;

    RevisionState(int number, ServiceConfig config, int desiredCount) {
        this.number = number;
        this.config = config;
        this.desiredCount = desiredCount;
    }
}
