package gale.loadgen.prometheus;

import gale.loadgen.metrics.MetricsLayout;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.Trend;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * A test's totals under the names k6's Prometheus remote-write output gives them: the {@code k6_} prefix; counters
 * end in {@code _total}, rates are gauges ending in {@code _rate}, trends are histograms in seconds (as k6's native
 * histograms are named; classic buckets here, which a text endpoint can carry), gauges keep their name. Each request
 * series is one set of labels (its tags: scenario, name, method, url and the plan's), so the series of a counter add
 * up to the summary's count exactly.
 */
final class K6Metrics {

    /** Seconds: the Prometheus defaults, with 1 and 2.5 ms for local targets and 30 and 60 s for timeouts. */
    static final double[] BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, Double.POSITIVE_INFINITY
    };

    private K6Metrics() {}

    /** Every metric of {@code results}, with the {@code vus} and {@code vus_max} gauges as they are now. */
    static MetricSnapshots of(Results results, int vus, int vusMax) {
        List<MetricSnapshot> out = new ArrayList<>();
        List<MetricsLayout.Series> requests = results.requestSeries();
        String[] counters = {"http_reqs", null, "data_sent", "data_received"};
        for (int c = 0; c < counters.length; c++) {
            if (counters[c] != null) {
                int at = c;
                out.add(counter(counters[c], requests, s -> results.requestCounts(s)[at]));
            }
        }
        out.add(counter("iterations", results.scenarioSeries(), s -> results.scenarioCounts(s)[0]));
        out.add(counter("dropped_iterations", results.scenarioSeries(), s -> results.scenarioCounts(s)[1]));
        out.add(rates(requests, results));
        out.add(checks(results.checks()));
        for (Trend t : Trend.values()) {
            out.add(histogram(t.metric(), requests, s -> results.requestTrend(s, t)));
        }
        out.add(histogram("iteration_duration", results.scenarioSeries(), results::scenarioTrend));
        out.add(histogram("group_duration", results.groupSeries(), results::scenarioTrend));
        out.add(gauge("vus", vus));
        out.add(gauge("vus_max", vusMax));
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot counter(
            String metric, List<MetricsLayout.Series> series, Function<MetricsLayout.Series, Long> value) {
        Map<Labels, Long> sums = new LinkedHashMap<>();
        for (MetricsLayout.Series s : series) {
            sums.merge(labels(s.tags()), value.apply(s), Long::sum);
        }
        CounterSnapshot.Builder b =
                CounterSnapshot.builder().name("k6_" + metric).help("k6's " + metric);
        sums.forEach((labels, v) -> b.dataPoint(
                CounterDataPointSnapshot.builder().labels(labels).value(v).build()));
        return b.build();
    }

    private static GaugeSnapshot rates(List<MetricsLayout.Series> series, Results results) {
        Map<Labels, long[]> sums = new LinkedHashMap<>();
        for (MetricsLayout.Series s : series) {
            long[] c = results.requestCounts(s);
            long[] sum = sums.computeIfAbsent(labels(s.tags()), k -> new long[2]);
            sum[0] += c[1];
            sum[1] += c[0];
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder()
                .name("k6_http_req_failed_rate")
                .help("k6's http_req_failed: failed requests over requests");
        sums.forEach((labels, v) -> b.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(labels)
                .value(v[1] == 0 ? 0 : (double) v[0] / v[1])
                .build()));
        return b.build();
    }

    private static GaugeSnapshot checks(Map<String, long[]> checks) {
        GaugeSnapshot.Builder b =
                GaugeSnapshot.builder().name("k6_checks_rate").help("k6's checks: passed checks over checks");
        checks.forEach((name, pf) -> b.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("check", name))
                .value(pf[0] + pf[1] == 0 ? 0 : (double) pf[0] / (pf[0] + pf[1]))
                .build()));
        return b.build();
    }

    private static HistogramSnapshot histogram(
            String metric, List<MetricsLayout.Series> series, Function<MetricsLayout.Series, Histogram> histogram) {
        Map<Labels, Histogram> sums = new LinkedHashMap<>();
        for (MetricsLayout.Series s : series) {
            sums.merge(labels(s.tags()), histogram.apply(s), (a, c) -> {
                Histogram sum = a.copy();
                sum.add(c);
                return sum;
            });
        }
        HistogramSnapshot.Builder b =
                HistogramSnapshot.builder().name("k6_" + metric + "_seconds").help("k6's " + metric + ", in seconds");
        sums.forEach((labels, h) -> b.dataPoint(HistogramDataPointSnapshot.builder()
                .labels(labels)
                .classicHistogramBuckets(buckets(h))
                .sum(h.getTotalCount() == 0 ? 0 : h.getMean() * h.getTotalCount() / 1e6)
                .build()));
        return b.build();
    }

    /** Each bucket's own count (the writer adds them up): values of µs at most the bound, as HdrHistogram bins them. */
    static ClassicHistogramBuckets buckets(Histogram micros) {
        long[] counts = new long[BUCKETS.length];
        long below = 0;
        for (int i = 0; i < BUCKETS.length - 1; i++) {
            long upTo = micros.getTotalCount() == 0 ? 0 : micros.getCountBetweenValues(0, Math.round(BUCKETS[i] * 1e6));
            counts[i] = upTo - below;
            below = upTo;
        }
        counts[BUCKETS.length - 1] = micros.getTotalCount() - below;
        return ClassicHistogramBuckets.of(BUCKETS, counts);
    }

    private static GaugeSnapshot gauge(String metric, int value) {
        return GaugeSnapshot.builder()
                .name("k6_" + metric)
                .help("k6's " + metric)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }

    /** A series' tags as labels; a tag name Prometheus would not take has its other characters made {@code _}. */
    static Labels labels(Map<String, String> tags) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        tags.forEach((k, v) -> {
            names.add(PrometheusNaming.isValidLegacyLabelName(k) ? k : PrometheusNaming.sanitizeLabelName(k));
            values.add(v);
        });
        return Labels.of(names, values);
    }
}
