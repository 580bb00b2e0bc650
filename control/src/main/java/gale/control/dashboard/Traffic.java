package gale.control.dashboard;

import gale.monitor.metrics.RouteTotals;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The traffic columns of the balancer's rows (per listener, target group and target), as HAProxy's stats page shows
 * them: responses by class since the start, and over the last {@link #WINDOW} seconds the request rate and the p50 and
 * p99 latency, estimated from the latency histogram's buckets as Prometheus' {@code histogram_quantile} does.
 */
final class Traffic {

    /** Seconds of history behind each rate and percentile. */
    static final int WINDOW = 10;

    /** One row's traffic; {@code p50Ms} and {@code p99Ms} are NaN without a request in the window. */
    record Row(double perSecond, long status2xx, long status4xx, long status5xx, double p50Ms, double p99Ms) {}

    private final ArrayDeque<List<RouteTotals>> samples = new ArrayDeque<>();

    /** Keeps this second's totals; the oldest beyond the window is dropped. */
    void add(List<RouteTotals> totals) {
        samples.addLast(List.copyOf(totals));
        while (samples.size() > WINDOW + 1) {
            samples.removeFirst();
        }
    }

    Map<String, Row> byTarget(String targetGroup) {
        return rows(r -> r.targetGroup().equals(targetGroup) ? r.target() : null);
    }

    Map<String, Row> byTargetGroup() {
        return rows(RouteTotals::targetGroup);
    }

    Map<String, Row> byListener() {
        return rows(RouteTotals::listener);
    }

    /** Rows keyed by {@code key} of each route (routes whose key is null are left out). */
    private Map<String, Row> rows(Function<RouteTotals, String> key) {
        if (samples.isEmpty()) {
            return Map.of();
        }
        Map<String, Sum> now = sum(samples.getLast(), key);
        Map<String, Sum> before = sum(samples.getFirst(), key);
        double seconds = Math.max(1, samples.size() - 1);
        Map<String, Row> out = new HashMap<>();
        now.forEach((name, sum) -> {
            Sum old = before.getOrDefault(name, Sum.EMPTY);
            long[] window = new long[sum.buckets.length];
            for (int i = 0; i < window.length; i++) {
                window[i] = sum.buckets[i] - (i < old.buckets.length ? old.buckets[i] : 0);
            }
            out.put(
                    name,
                    new Row(
                            (sum.requests - old.requests) / seconds,
                            sum.c2xx,
                            sum.c4xx,
                            sum.c5xx,
                            quantile(0.5, sum.bounds, window) * 1000,
                            quantile(0.99, sum.bounds, window) * 1000));
        });
        return out;
    }

    private static Map<String, Sum> sum(List<RouteTotals> totals, Function<RouteTotals, String> key) {
        Map<String, Sum> out = new HashMap<>();
        for (RouteTotals r : totals) {
            String name = key.apply(r);
            if (name != null) {
                out.computeIfAbsent(name, n -> new Sum()).add(r);
            }
        }
        return out;
    }

    /** Linear interpolation inside the bucket that holds the rank, the first bucket starting at 0. */
    static double quantile(double q, double[] bounds, long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (below + counts[i] >= rank && counts[i] > 0) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                if (Double.isInfinite(bounds[i])) {
                    return lower;
                }
                return lower + (bounds[i] - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return bounds.length > 1 ? bounds[bounds.length - 2] : Double.NaN;
    }

    /** Totals of several routes: counts added, buckets added bound by bound (every route has the same bounds). */
    private static final class Sum {
        static final Sum EMPTY = new Sum();

        long requests;
        long c2xx;
        long c4xx;
        long c5xx;
        double[] bounds = new double[0];
        long[] buckets = new long[0];

        void add(RouteTotals r) {
            requests += r.requests();
            c2xx += r.status2xx();
            c4xx += r.status4xx();
            c5xx += r.status5xx();
            if (buckets.length < r.bucketCounts().length) {
                buckets = java.util.Arrays.copyOf(buckets, r.bucketCounts().length);
                bounds = r.upperBounds();
            }
            for (int i = 0; i < r.bucketCounts().length; i++) {
                buckets[i] += r.bucketCounts()[i];
            }
        }
    }
}
