package gale.monitor.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link RouteTotals} out of the registry's request counter and latency histogram. */
final class RouteReader {

    private static final String REQUESTS = "gale_balancer_requests";
    private static final String LATENCY = "gale_balancer_request_duration_seconds";

    private RouteReader() {}

    static List<RouteTotals> read(PrometheusRegistry registry) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        Map<List<String>, ClassicHistogramBuckets> buckets = new LinkedHashMap<>();
        for (MetricSnapshot snapshot : registry.scrape(name -> name.startsWith(REQUESTS) || name.startsWith(LATENCY))) {
            if (snapshot instanceof CounterSnapshot counter) {
                for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
                    long[] byClass = counts.computeIfAbsent(route(point.getLabels()), k -> new long[4]);
                    byClass[classIndex(point.getLabels().get("code_class"))] += (long) point.getValue();
                }
            } else if (snapshot instanceof HistogramSnapshot histogram) {
                for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
                    buckets.put(route(point.getLabels()), point.getClassicBuckets());
                }
            }
        }
        List<RouteTotals> out = new ArrayList<>(counts.size());
        counts.forEach((route, byClass) -> {
            ClassicHistogramBuckets b = buckets.get(route);
            int n = b == null ? 0 : b.size();
            double[] bounds = new double[n];
            long[] inBucket = new long[n];
            for (int i = 0; i < n; i++) {
                bounds[i] = b.getUpperBound(i);
                inBucket[i] = b.getCount(i);
            }
            out.add(new RouteTotals(
                    route.get(0),
                    route.get(1),
                    route.get(2),
                    byClass[0],
                    byClass[1],
                    byClass[2],
                    byClass[3],
                    bounds,
                    inBucket));
        });
        return out;
    }

    private static List<String> route(Labels labels) {
        return List.of(labels.get("listener"), labels.get("target_group"), labels.get("target"));
    }

    private static int classIndex(String codeClass) {
        return switch (codeClass) {
            case "2xx" -> 0;
            case "4xx" -> 1;
            case "5xx" -> 2;
            default -> 3;
        };
    }
}
