package gale.loadgen.metrics;

import gale.loadgen.http.ErrorKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** A test's totals, queried by k6 metric name and tag filter (for the summary, thresholds and exports). */
public final class Results {

    private final MetricsLayout layout;
    private final Histogram[][] trends;
    private final long[][] counters;
    private final Histogram[] iterations;
    private final long[][] scenarioCounters;
    private final long[] statuses;
    private final long[] errors;
    private final long[] protocols;
    private final Gauge vus;
    private final Gauge vusMax;
    private final double durationSeconds;
    private final List<StageRow> stages;
    private final List<Histogram> stageDurations;
    private final List<byte[]> secondDurations;

    Results(
            MetricsLayout layout,
            Histogram[][] trends,
            long[][] counters,
            Histogram[] iterations,
            long[][] scenarioCounters,
            long[] statuses,
            long[] errors,
            long[] protocols,
            Gauge vus,
            Gauge vusMax,
            double durationSeconds,
            List<StageRow> stages,
            List<Histogram> stageDurations,
            List<byte[]> secondDurations) {
        this.layout = layout;
        this.trends = trends;
        this.counters = counters;
        this.iterations = iterations;
        this.scenarioCounters = scenarioCounters;
        this.statuses = statuses;
        this.errors = errors;
        this.protocols = protocols;
        this.vus = vus;
        this.vusMax = vusMax;
        this.durationSeconds = durationSeconds;
        this.stages = List.copyOf(stages);
        this.stageDurations = List.copyOf(stageDurations);
        this.secondDurations = List.copyOf(secondDurations);
    }

    MetricsLayout layout() {
        return layout;
    }

    Histogram[][] trends() {
        return trends;
    }

    long[][] counters() {
        return counters;
    }

    Histogram[] iterationHistograms() {
        return iterations;
    }

    long[][] scenarioCounters() {
        return scenarioCounters;
    }

    long[] statusCounts() {
        return statuses;
    }

    long[] protocolCounts() {
        return protocols;
    }

    /** Responses by protocol as k6 tags them ({@code HTTP/1.1}, {@code HTTP/2.0}), those with none left out. */
    public Map<String, Long> protocols() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < protocols.length; i++) {
            if (protocols[i] > 0) {
                out.put(LoopMetrics.PROTOCOLS.get(i), protocols[i]);
            }
        }
        return out;
    }

    long[] errorCounts() {
        return errors;
    }

    /** The request durations of each stage row, in its order (for an exact merge). */
    List<Histogram> stageDurations() {
        return stageDurations;
    }

    /** Each second's request durations, compressed (for an exact merge of the series). */
    public List<byte[]> secondDurations() {
        return secondDurations;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    /** A trend metric's histogram (µs) over the series its tag filter matches. */
    public Histogram histogram(String metric, Map<String, String> filter) {
        Histogram out = LoopMetrics.histogram();
        if (metric.equals("iteration_duration") || metric.equals("group_duration")) {
            boolean groups = metric.equals("group_duration");
            for (MetricsLayout.Series s : layout.scenarios()) {
                if (s.tags().containsKey("group") == groups && s.matches(filter)) {
                    out.add(iterations[s.index()]);
                }
            }
            return out;
        }
        Trend trend = Trend.byMetric(metric);
        for (MetricsLayout.Series s : layout.requests()) {
            if (s.matches(filter)) {
                out.add(trends[s.index()][trend.ordinal()]);
            }
        }
        return out;
    }

    public TrendStats trend(String metric, Map<String, String> filter) {
        return TrendStats.of(histogram(metric, filter));
    }

    public TrendStats trend(String metric) {
        return trend(metric, Map.of());
    }

    /** A counter's total: http_reqs, iterations, dropped_iterations, data_sent, data_received. */
    public long count(String metric, Map<String, String> filter) {
        return switch (metric) {
            case "http_reqs" -> requestCounter(LoopMetrics.REQS, filter);
            case "data_sent" -> requestCounter(LoopMetrics.SENT, filter);
            case "data_received" -> requestCounter(LoopMetrics.RECEIVED, filter);
            case "iterations" -> scenarioCounter(0, filter);
            case "dropped_iterations" -> scenarioCounter(1, filter);
            default -> throw new IllegalArgumentException("not a counter: " + metric);
        };
    }

    public long count(String metric) {
        return count(metric, Map.of());
    }

    /** A rate metric as {trues, total}: http_req_failed counts failed requests, checks counts passed checks. */
    public long[] rate(String metric, Map<String, String> filter) {
        long trues = 0;
        long total = 0;
        for (MetricsLayout.Series s : layout.requests()) {
            if (!s.matches(filter)) {
                continue;
            }
            long[] c = counters[s.index()];
            if (metric.equals("http_req_failed")) {
                trues += c[LoopMetrics.FAILED];
                total += c[LoopMetrics.REQS];
            } else {
                for (int i = 0; i < s.checks().size(); i++) {
                    trues += c[LoopMetrics.CHECKS + 2 * i];
                    total += c[LoopMetrics.CHECKS + 2 * i] + c[LoopMetrics.CHECKS + 2 * i + 1];
                }
            }
        }
        return new long[] {trues, total};
    }

    /**
     * One request series' counters, exactly (a tag filter would also match series with more tags): http_reqs,
     * failed requests, data_sent and data_received, in that order.
     */
    public long[] requestCounts(MetricsLayout.Series series) {
        long[] c = counters[series.index()];
        return new long[] {c[LoopMetrics.REQS], c[LoopMetrics.FAILED], c[LoopMetrics.SENT], c[LoopMetrics.RECEIVED]};
    }

    /** One request series' histogram (µs) of {@code trend}. */
    public Histogram requestTrend(MetricsLayout.Series series, Trend trend) {
        return trends[series.index()][trend.ordinal()];
    }

    /** One scenario or group series: its iterations (runs, for a group) and dropped iterations. */
    public long[] scenarioCounts(MetricsLayout.Series series) {
        return scenarioCounters[series.index()].clone();
    }

    /** One scenario's iteration_duration, or one group's group_duration (µs). */
    public Histogram scenarioTrend(MetricsLayout.Series series) {
        return iterations[series.index()];
    }

    /** The series of each scenario (not its groups), to report per scenario. */
    public List<MetricsLayout.Series> scenarioSeries() {
        return layout.scenarios().stream()
                .filter(s -> !s.tags().containsKey("group"))
                .toList();
    }

    /** The series of each request (a journey's steps), in plan order, to report per step. */
    public List<MetricsLayout.Series> requestSeries() {
        return layout.requests();
    }

    /** The series of each journey group, to report group_duration per group. */
    public List<MetricsLayout.Series> groupSeries() {
        return layout.scenarios().stream()
                .filter(s -> s.tags().containsKey("group"))
                .toList();
    }

    public Gauge gauge(String metric) {
        return metric.equals("vus") ? vus : vusMax;
    }

    /** Per check name (over all requests that declare it): {passes, fails}. */
    public Map<String, long[]> checks() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (MetricsLayout.Series s : layout.requests()) {
            long[] c = counters[s.index()];
            for (int i = 0; i < s.checks().size(); i++) {
                long[] pf = out.computeIfAbsent(s.checks().get(i), k -> new long[2]);
                pf[0] += c[LoopMetrics.CHECKS + 2 * i];
                pf[1] += c[LoopMetrics.CHECKS + 2 * i + 1];
            }
        }
        return out;
    }

    /** Responses by status code. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = 0; i < statuses.length; i++) {
            if (statuses[i] > 0) {
                out.put(i, statuses[i]);
            }
        }
        return out;
    }

    /** Requests by error kind, with 4xx and 5xx responses counted as kinds of their own. */
    public Map<String, Long> errorKinds() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            if (errors[k.ordinal()] > 0) {
                out.put(k.label(), errors[k.ordinal()]);
            }
        }
        long c4 = 0;
        long c5 = 0;
        for (int i = 400; i < 600; i++) {
            if (i < 500) {
                c4 += statuses[i];
            } else {
                c5 += statuses[i];
            }
        }
        if (c4 > 0) {
            out.put("4xx", c4);
        }
        if (c5 > 0) {
            out.put("5xx", c5);
        }
        return out;
    }

    public List<StageRow> stages() {
        return stages;
    }

    private long requestCounter(int index, Map<String, String> filter) {
        long total = 0;
        for (MetricsLayout.Series s : layout.requests()) {
            if (s.matches(filter)) {
                total += counters[s.index()][index];
            }
        }
        return total;
    }

    private long scenarioCounter(int index, Map<String, String> filter) {
        long total = 0;
        for (MetricsLayout.Series s : layout.scenarios()) {
            if (s.matches(filter)) {
                total += scenarioCounters[s.index()][index];
            }
        }
        return total;
    }

    /** A gauge over the test: its last value and the least and most seen (sampled once a second). */
    public record Gauge(int value, int min, int max) {}
}
