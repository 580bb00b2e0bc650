package gale.balancer.internal.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The healthy targets of each weighted pool, for the request path: a request first draws a pool with the probability
 * of its weight, then the group's algorithm picks one of that pool's targets. Only pools with a weight above 0 and a
 * healthy target are here, so a pool whose targets are all unhealthy or draining gets no request and its weight goes
 * to the others in proportion to theirs (a weight moves traffic, it never refuses it). Built under the group's lock
 * with each {@link Candidates}, read without one.
 */
final class WeightedPools {
    private static final Target[] NONE = new Target[0];

    private final Target[][] pools;
    /** Cumulative weights: pool i is drawn for a number below {@code upTo[i]} and at least {@code upTo[i - 1]}. */
    private final long[] upTo;
    /** Every target of {@link #pools}: where a retry goes when the drawn pool has none left. */
    private final Target[] weighted;

    private WeightedPools(Target[][] pools, long[] upTo, Target[] weighted) {
        this.pools = pools;
        this.upTo = upTo;
        this.weighted = weighted;
    }

    /**
     * The weighted pools of {@code healthy}; null when there are no weights, or when no pool with a weight above 0 has
     * a healthy target: then every healthy target takes an equal share.
     */
    static WeightedPools of(List<Target> healthy, Map<String, Integer> weights) {
        if (weights.isEmpty()) {
            return null;
        }
        Map<String, List<Target>> byPool = new LinkedHashMap<>();
        List<Target> weighted = new ArrayList<>();
        for (Target t : healthy) {
            if (weights.getOrDefault(t.pool, 0) > 0) {
                byPool.computeIfAbsent(t.pool, p -> new ArrayList<>()).add(t);
                weighted.add(t);
            }
        }
        if (byPool.isEmpty()) {
            return null;
        }
        Target[][] pools = new Target[byPool.size()][];
        long[] upTo = new long[byPool.size()];
        long total = 0;
        int i = 0;
        for (Map.Entry<String, List<Target>> pool : byPool.entrySet()) {
            total += weights.get(pool.getKey());
            pools[i] = pool.getValue().toArray(NONE);
            upTo[i] = total;
            i++;
        }
        return new WeightedPools(pools, upTo, weighted.toArray(NONE));
    }

    /** The healthy targets of a pool drawn with the probability of its weight. */
    Target[] draw(RandomGenerator random) {
        if (pools.length == 1) {
            return pools[0];
        }
        long r = random.nextLong(upTo[upTo.length - 1]);
        int i = 0;
        while (r >= upTo[i]) {
            i++;
        }
        return pools[i];
    }

    /** The healthy targets of every weighted pool. */
    Target[] weighted() {
        return weighted;
    }

    /** Validates weights as {@link gale.balancer.TargetGroup#setPoolWeights} takes them; a copy. */
    static Map<String, Integer> check(Map<String, Integer> weights) {
        long total = 0;
        for (Map.Entry<String, Integer> w : weights.entrySet()) {
            if (w.getKey() == null || w.getValue() == null || w.getValue() < 0) {
                throw new IllegalArgumentException(
                        "weights: " + weights + " (expected: a weight of 0 or more for each named pool)");
            }
            total += w.getValue();
        }
        if (!weights.isEmpty() && total == 0) {
            throw new IllegalArgumentException(
                    "weights: " + weights + " (expected: at least one above 0, or none to end the weighting)");
        }
        return Map.copyOf(weights);
    }
}
