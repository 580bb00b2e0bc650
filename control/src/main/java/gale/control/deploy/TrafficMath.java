package gale.control.deploy;

/** How many tasks of the new revision carry a given share of the traffic (canary, linear). */
final class TrafficMath {

    private TrafficMath() {}

    /**
     * Enough tasks for {@code weight} percent of the service's traffic as if spread evenly, rounded up, at least one
     * for any weight above 0 (Argo Rollouts with traffic routing scales the canary the same way).
     */
    static int tasksFor(int desired, int weight) {
        if (weight <= 0 || desired <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.ceil(desired * weight / 100.0));
    }
}
