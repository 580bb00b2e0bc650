package gale.balancer.internal.group;

/**
 * What the request path chooses from, rebuilt whole under the group's lock on each change and read without one.
 *
 * @param healthy targets that passed their checks
 * @param untested registered and not yet judged: preferred to known-bad targets while none is healthy
 * @param live every target that is not draining, for fail-open
 * @param ramping whether a healthy target is in slow start: only then does the request path weigh targets
 * @param pools the healthy targets by weighted pool; null when the group's traffic is not weighted by pool
 */
record Candidates(Target[] healthy, Target[] untested, Target[] live, boolean ramping, WeightedPools pools) {
    private static final Target[] NONE = new Target[0];

    static final Candidates EMPTY = new Candidates(NONE, NONE, NONE, false, null);

    static Candidates of(
            java.util.List<Target> healthy,
            java.util.List<Target> untested,
            java.util.List<Target> live,
            boolean ramping,
            WeightedPools pools) {
        return new Candidates(healthy.toArray(NONE), untested.toArray(NONE), live.toArray(NONE), ramping, pools);
    }
}
