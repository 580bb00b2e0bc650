package gale.monitor.metrics;

import static java.util.Objects.requireNonNull;

/**
 * One route's totals since the stack started, read from the balancer's Prometheus series (so reading them costs the
 * request path nothing): responses by status class and the latency histogram's buckets.
 *
 * @param target the target's id, or {@code none} for the balancer's own answers
 * @param upperBounds the latency buckets' upper bounds in seconds, the last one {@code +Inf}
 * @param bucketCounts the requests in each bucket (not cumulative)
 */
public record RouteTotals(
        String listener,
        String targetGroup,
        String target,
        long status2xx,
        long status4xx,
        long status5xx,
        long other,
        double[] upperBounds,
        long[] bucketCounts) {

    public RouteTotals {
        requireNonNull(listener, "listener");
        requireNonNull(targetGroup, "targetGroup");
        requireNonNull(target, "target");
        requireNonNull(upperBounds, "upperBounds");
        requireNonNull(bucketCounts, "bucketCounts");
        if (upperBounds.length != bucketCounts.length) {
            throw new IllegalArgumentException(
                    "bucketCounts: " + bucketCounts.length + " (expected: " + upperBounds.length + ", one per bound)");
        }
    }

    public long requests() {
        return status2xx + status4xx + status5xx + other;
    }
}
