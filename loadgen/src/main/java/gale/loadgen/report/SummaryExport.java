package gale.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.LoadResult;
import gale.loadgen.merge.WorkerSummary;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.TrendStats;
import gale.loadgen.threshold.MetricKind;
import gale.loadgen.threshold.ThresholdResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * k6's {@code --summary-export} JSON: {@code metrics.<name>} with trends as avg/min/med/max/p(90)/p(95)/p(99) in ms,
 * counters as count/rate, rates as passes/fails/value, gauges as value/min/max, and under each metric
 * {@code thresholds: {expression: failed}} (k6's legacy export writes true when a threshold failed). Gale adds a
 * {@code gale} section with the full histograms (HdrHistogram's compressed form) that {@code gale load merge} adds.
 */
public final class SummaryExport {

    private SummaryExport() {}

    public static Map<String, Object> toMap(LoadResult result) {
        return toMap(result, "0:1");
    }

    /** With the {@code gale} section a merge needs: full histograms, the series, thresholds and the segment. */
    public static Map<String, Object> toMap(LoadResult result, String segment) {
        Results r = result.results();
        double secs = Math.max(1e-9, r.durationSeconds());
        Map<String, Map<String, Object>> metrics = new TreeMap<>();
        MetricKind.METRICS.forEach((name, kind) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            switch (kind) {
                case TREND -> {
                    TrendStats s = r.trend(name);
                    m.put("avg", s.avg());
                    m.put("min", s.min());
                    m.put("med", s.med());
                    m.put("max", s.max());
                    m.put("p(90)", s.p90());
                    m.put("p(95)", s.p95());
                    m.put("p(99)", s.p99());
                }
                case COUNTER -> {
                    long c = r.count(name);
                    m.put("count", c);
                    m.put("rate", c / secs);
                }
                case RATE -> {
                    long[] tf = r.rate(name, Map.of());
                    m.put("passes", tf[0]);
                    m.put("fails", tf[1] - tf[0]);
                    m.put("value", tf[1] == 0 ? 0.0 : (double) tf[0] / tf[1]);
                }
                case GAUGE -> {
                    Results.Gauge g = r.gauge(name);
                    m.put("value", g.value());
                    m.put("min", g.min());
                    m.put("max", g.max());
                }
            }
            metrics.put(name, m);
        });
        for (ThresholdResult t : result.thresholds()) {
            Map<String, Object> m = metrics.computeIfAbsent(t.threshold().metricKey(), k -> new LinkedHashMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> th = (Map<String, Object>) m.computeIfAbsent("thresholds", k -> new LinkedHashMap<>());
            th.put(t.threshold().expression(), !t.passed());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metrics", metrics);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("testRunDurationMs", Math.round(r.durationSeconds() * 1000));
        state.put("interrupted", result.interrupted());
        state.put("aborted", result.aborted());
        root.put("state", state);
        root.put("statuses", r.statuses());
        root.put("errors", r.errorKinds());
        root.put("stages", r.stages().stream().map(SummaryExport::stage).toList());
        root.put("gale", WorkerSummary.encode(result, segment));
        return root;
    }

    private static Map<String, Object> stage(gale.loadgen.metrics.StageRow s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", s.stage());
        m.put("shape", s.shape());
        m.put("target", s.target());
        m.put("samples", s.samples());
        m.put("errorPercent", s.errorPercent());
        m.put("avg", s.duration().avg());
        m.put("max", s.duration().max());
        m.put("throughput", s.throughput());
        m.put("fromSeconds", s.from().toMillis() / 1000.0);
        m.put("toSeconds", s.to().toMillis() / 1000.0);
        return m;
    }

    public static void write(LoadResult result, Path file) {
        write(result, file, "0:1");
    }

    /** Writes the export of a worker that ran execution segment {@code segment} (k6's {@code from:to}). */
    public static void write(LoadResult result, Path file, String segment) {
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toMap(result, segment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
