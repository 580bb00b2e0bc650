package gale.control.deploy;

import java.util.Map;

/** What a deployment reads of one service and does to it: the fleet's revisions and the balancer's view of them. */
interface ServiceHandle {

    String name();

    int desiredCount();

    /** How many tasks each revision should run now. */
    Map<Integer, Integer> revisionCounts();

    /** Tasks of the revision that run and whose target is healthy. */
    int healthyTasks(int revision);

    /** Tasks of the revision not yet STOPPED (pending, running or draining). */
    int liveTasks(int revision);

    /** Tasks of the revision that failed to start, exited on their own or failed their health checks, so far. */
    int failedTasks(int revision);

    void setRevisionCounts(Map<Integer, Integer> counts, String reason);

    /**
     * Traffic shares in percent by revision (the rest get none); empty: every healthy task an equal share.
     *
     * @return false when the service has no target group, so no traffic to weigh
     */
    boolean setTrafficWeights(Map<Integer, Integer> percentByRevision);

    /**
     * Sends the service's test target group, if it has one, to the tasks of {@code revision} (0: to none).
     *
     * @return the test target group's name, or empty when the service has none
     */
    java.util.Optional<String> routeTestTraffic(int revision);

    /** The balancer's measurements of the revision since the last call. */
    RevisionWindow measure(int revision, double latencyPercentile);
}
