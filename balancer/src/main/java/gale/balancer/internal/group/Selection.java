package gale.balancer.internal.group;

import gale.balancer.Algorithm;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The group's algorithm over {@link Candidates}: round robin or least outstanding requests, and both weighed by slow
 * start while a target ramps; with pool weights, within the pool a request drew ({@link WeightedPools}). One class with a flag rather than a strategy per algorithm: the request path then calls
 * one method whatever the groups use.
 */
final class Selection {
    private final boolean roundRobin;
    /** Requests in flight a target may have: targets at it are passed over (Integer.MAX_VALUE: no limit). */
    private final int limit;

    private final AtomicInteger next = new AtomicInteger();

    Selection(Algorithm algorithm, int maxConnections) {
        this.roundRobin = algorithm == Algorithm.ROUND_ROBIN;
        this.limit = maxConnections > 0 ? maxConnections : Integer.MAX_VALUE;
    }

    /**
     * The target for the next request: among healthy targets; when none is healthy (fail-open), among targets not yet
     * judged, then among all non-draining ones. Targets in {@code tried} (the first {@code triedCount}) are avoided;
     * null when nothing is left.
     */
    Target pick(Candidates c, Target[] tried, int triedCount) {
        WeightedPools pools = c.pools();
        if (pools != null) {
            return pickWeighted(pools, c.ramping(), tried, triedCount);
        }
        Target[] healthy = c.healthy();
        Target t = pick(healthy, c.ramping(), tried, triedCount);
        if (t == null && healthy.length == 0) {
            t = pick(c.untested(), c.ramping(), tried, triedCount);
            if (t == null) {
                t = pick(c.live(), c.ramping(), tried, triedCount);
            }
        }
        return t;
    }

    /**
     * A pool drawn by weight, then the algorithm within it; a retry whose drawn pool has no target left goes to another
     * weighted pool's, never to a pool of weight 0.
     */
    private Target pickWeighted(WeightedPools pools, boolean ramping, Target[] tried, int triedCount) {
        Target t = pick(pools.draw(ThreadLocalRandom.current()), ramping, tried, triedCount);
        return t != null || triedCount == 0 ? t : pick(pools.weighted(), ramping, tried, triedCount);
    }

    private Target pick(Target[] candidates, boolean ramping, Target[] tried, int triedCount) {
        int n = candidates.length;
        if (n == 0) {
            return null;
        }
        int start = next.getAndIncrement() & Integer.MAX_VALUE;
        if (ramping) {
            return pickWeighted(candidates, start, tried, triedCount);
        }
        if (roundRobin) {
            for (int i = 0; i < n; i++) {
                Target t = candidates[(start + i) % n];
                if (!contains(tried, triedCount, t) && hasRoom(t)) {
                    return t;
                }
            }
            return null;
        }
        Target best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Target t = candidates[(start + i) % n];
            int load = t.inFlight.get();
            if (load < bestLoad && load < limit && !contains(tried, triedCount, t)) {
                best = t;
                bestLoad = load;
            }
        }
        return best;
    }

    /**
     * {@link #pick} while a target is in slow start: a ramping target is a candidate for this request only with the
     * probability of its weight, so under round robin its share is its weight times a full share, and least outstanding
     * requests never gives it more than its weight of the requests. When every target left is a ramping one that lost
     * its draw, the first of them: better a ramping target than none.
     */
    private Target pickWeighted(Target[] candidates, int start, Target[] tried, int triedCount) {
        long now = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = candidates.length;
        Target best = null;
        int bestLoad = Integer.MAX_VALUE;
        Target passed = null;
        for (int i = 0; i < n; i++) {
            Target t = candidates[(start + i) % n];
            if (contains(tried, triedCount, t) || !hasRoom(t)) {
                continue;
            }
            double weight = t.weight(now);
            if (weight < 1 && random.nextDouble() >= weight) {
                if (passed == null) {
                    passed = t;
                }
                continue;
            }
            if (roundRobin) {
                return t;
            }
            int load = t.inFlight.get();
            if (load < bestLoad) {
                best = t;
                bestLoad = load;
            }
        }
        return best != null ? best : passed;
    }

    private boolean hasRoom(Target t) {
        return limit == Integer.MAX_VALUE || t.inFlight.get() < limit;
    }

    private static boolean contains(Target[] tried, int count, Target t) {
        for (int i = 0; i < count; i++) {
            if (tried[i] == t) {
                return true;
            }
        }
        return false;
    }
}
