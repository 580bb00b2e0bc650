package gale.loadgen.metrics;

import gale.loadgen.http.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * A test's full tallies as plain maps and lists (for a JSON summary export) and back, and the exact merge of several
 * workers' tallies: counters add, histograms add (so percentiles come from every sample, never from averages).
 * Histograms travel in HdrHistogram's compressed base64 form.
 */
public final class ResultsCodec {

    private ResultsCodec() {}

    public static Map<String, Object> encode(Results r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("durationSeconds", r.durationSeconds());
        List<Object> requests = new ArrayList<>();
        for (MetricsLayout.Series s : r.layout().requests()) {
            Map<String, String> trends = new LinkedHashMap<>();
            for (Trend t : Trend.values()) {
                trends.put(t.metric(), HistogramCodec.base64(r.trends()[s.index()][t.ordinal()]));
            }
            requests.add(series(s, r.counters()[s.index()], trends));
        }
        out.put("requests", requests);
        List<Object> scenarios = new ArrayList<>();
        for (MetricsLayout.Series s : r.layout().scenarios()) {
            scenarios.add(series(
                    s,
                    r.scenarioCounters()[s.index()],
                    Map.of("iteration_duration", HistogramCodec.base64(r.iterationHistograms()[s.index()]))));
        }
        out.put("scenarios", scenarios);
        List<Integer> groupBase = new ArrayList<>();
        for (int i = 0; i < r.layout().scenarioCount(); i++) {
            groupBase.add(r.layout().groupBase(i));
        }
        out.put("groupBase", groupBase);
        out.put("statuses", r.statuses());
        Map<String, Long> errors = new LinkedHashMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k.name(), r.errorCounts()[k.ordinal()]);
        }
        out.put("errors", errors);
        Map<String, Long> protocols = new LinkedHashMap<>();
        for (int i = 0; i < LoopMetrics.PROTOCOLS.size(); i++) {
            protocols.put(LoopMetrics.PROTOCOLS.get(i), r.protocolCounts()[i]);
        }
        out.put("protocols", protocols);
        out.put("vus", gauge(r.gauge("vus")));
        out.put("vusMax", gauge(r.gauge("vus_max")));
        List<Object> stages = new ArrayList<>();
        for (int i = 0; i < r.stages().size(); i++) {
            StageRow s = r.stages().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", s.stage());
            m.put("shape", s.shape());
            m.put("target", s.target());
            m.put("maxVus", s.maxVus());
            m.put("samples", s.samples());
            m.put("failed", s.failed());
            m.put("throughput", s.throughput());
            m.put("fromMillis", s.from().toMillis());
            m.put("toMillis", s.to().toMillis());
            m.put("durations", HistogramCodec.base64(r.stageDurations().get(i)));
            stages.add(m);
        }
        out.put("stages", stages);
        out.put(
                "seconds",
                r.secondDurations().stream().map(HistogramCodec::base64).toList());
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Results decode(Map<String, Object> in) {
        List<Map<String, Object>> requests = (List<Map<String, Object>>) in.get("requests");
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) in.get("scenarios");
        List<MetricsLayout.Series> requestSeries = new ArrayList<>();
        Histogram[][] trends = new Histogram[requests.size()][Trend.COUNT];
        long[][] counters = new long[requests.size()][];
        for (int i = 0; i < requests.size(); i++) {
            Map<String, Object> m = requests.get(i);
            requestSeries.add(series(i, m));
            counters[i] = longs(m.get("counters"));
            Map<String, String> h = (Map<String, String>) m.get("histograms");
            for (Trend t : Trend.values()) {
                trends[i][t.ordinal()] = HistogramCodec.decode(h.get(t.metric()));
            }
        }
        List<MetricsLayout.Series> scenarioSeries = new ArrayList<>();
        Histogram[] iterations = new Histogram[scenarios.size()];
        long[][] scenarioCounters = new long[scenarios.size()][];
        for (int i = 0; i < scenarios.size(); i++) {
            Map<String, Object> m = scenarios.get(i);
            scenarioSeries.add(series(i, m));
            scenarioCounters[i] = longs(m.get("counters"));
            iterations[i] =
                    HistogramCodec.decode(((Map<String, String>) m.get("histograms")).get("iteration_duration"));
        }
        long[] statuses = new long[LoopMetrics.STATUSES];
        ((Map<String, Object>) in.get("statuses"))
                .forEach((code, n) -> statuses[Integer.parseInt(code)] = ((Number) n).longValue());
        long[] errors = new long[ErrorKind.values().length];
        ((Map<String, Object>) in.get("errors"))
                .forEach((kind, n) -> errors[ErrorKind.valueOf(kind).ordinal()] = ((Number) n).longValue());
        long[] protocols = new long[LoopMetrics.PROTOCOLS.size()];
        ((Map<String, Object>) in.getOrDefault("protocols", Map.of()))
                .forEach((name, n) -> protocols[LoopMetrics.PROTOCOLS.indexOf(name)] = ((Number) n).longValue());
        List<StageRow> stages = new ArrayList<>();
        List<Histogram> stageDurations = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) in.get("stages")) {
            Histogram h = HistogramCodec.decode((String) m.get("durations"));
            stageDurations.add(h);
            stages.add(new StageRow(
                    (String) m.get("stage"),
                    (String) m.get("shape"),
                    (String) m.get("target"),
                    ((Number) m.get("maxVus")).intValue(),
                    ((Number) m.get("samples")).longValue(),
                    ((Number) m.get("failed")).longValue(),
                    TrendStats.of(h),
                    ((Number) m.get("throughput")).doubleValue(),
                    Duration.ofMillis(((Number) m.get("fromMillis")).longValue()),
                    Duration.ofMillis(((Number) m.get("toMillis")).longValue()),
                    PercentileCurve.of(h)));
        }
        List<byte[]> seconds = ((List<String>) in.get("seconds"))
                .stream().map(b -> java.util.Base64.getDecoder().decode(b)).toList();
        return new Results(
                new MetricsLayout(
                        requestSeries,
                        scenarioSeries,
                        ((List<?>) in.get("groupBase"))
                                .stream().map(n -> ((Number) n).intValue()).toList()),
                trends,
                counters,
                iterations,
                scenarioCounters,
                statuses,
                errors,
                protocols,
                gauge(in.get("vus")),
                gauge(in.get("vusMax")),
                ((Number) in.get("durationSeconds")).doubleValue(),
                stages,
                stageDurations,
                seconds);
    }

    /**
     * Several workers' tallies as one test's: every counter and histogram added, the duration the longest, the
     * series added second by second (aligned on each worker's start). {@code vus} is the merged series' gauge.
     */
    public static Results merge(List<Results> parts, Results.Gauge vus) {
        Results first = parts.getFirst();
        for (Results p : parts) {
            sameLayout(first.layout(), p.layout());
            if (p.stages().size() != first.stages().size()) {
                throw new IllegalArgumentException("stages: " + p.stages().size() + " (expected: "
                        + first.stages().size() + ", the same plan in every worker)");
            }
        }
        int requests = first.layout().requests().size();
        int scenarios = first.layout().scenarios().size();
        Histogram[][] trends = new Histogram[requests][Trend.COUNT];
        long[][] counters = new long[requests][];
        for (int r = 0; r < requests; r++) {
            for (int t = 0; t < Trend.COUNT; t++) {
                trends[r][t] = LoopMetrics.histogram();
            }
            counters[r] = new long[first.counters()[r].length];
        }
        Histogram[] iterations = new Histogram[scenarios];
        long[][] scenarioCounters = new long[scenarios][2];
        for (int s = 0; s < scenarios; s++) {
            iterations[s] = LoopMetrics.histogram();
        }
        long[] statuses = new long[LoopMetrics.STATUSES];
        long[] errors = new long[ErrorKind.values().length];
        long[] protocols = new long[LoopMetrics.PROTOCOLS.size()];
        double duration = 0;
        int vusMax = 0;
        for (Results p : parts) {
            for (int r = 0; r < requests; r++) {
                for (int t = 0; t < Trend.COUNT; t++) {
                    trends[r][t].add(p.trends()[r][t]);
                }
                add(counters[r], p.counters()[r]);
            }
            for (int s = 0; s < scenarios; s++) {
                iterations[s].add(p.iterationHistograms()[s]);
                add(scenarioCounters[s], p.scenarioCounters()[s]);
            }
            add(statuses, p.statusCounts());
            add(errors, p.errorCounts());
            add(protocols, p.protocolCounts());
            duration = Math.max(duration, p.durationSeconds());
            vusMax += p.gauge("vus_max").max();
        }
        List<StageRow> stages = new ArrayList<>();
        List<Histogram> stageDurations = new ArrayList<>();
        for (int i = 0; i < first.stages().size(); i++) {
            Histogram h = LoopMetrics.histogram();
            long samples = 0;
            long failed = 0;
            int maxVus = 0;
            double throughput = 0;
            for (Results p : parts) {
                StageRow row = p.stages().get(i);
                h.add(p.stageDurations().get(i));
                samples += row.samples();
                failed += row.failed();
                maxVus += row.maxVus();
                throughput += row.throughput(); // the same window in every worker, so rates add
            }
            StageRow f = first.stages().get(i);
            stages.add(new StageRow(
                    f.stage(),
                    f.shape(),
                    f.target(),
                    maxVus,
                    samples,
                    failed,
                    TrendStats.of(h),
                    throughput,
                    f.from(),
                    f.to(),
                    PercentileCurve.of(h)));
            stageDurations.add(h);
        }
        return new Results(
                first.layout(),
                trends,
                counters,
                iterations,
                scenarioCounters,
                statuses,
                errors,
                protocols,
                vus,
                new Results.Gauge(vusMax, vusMax, vusMax),
                duration,
                stages,
                stageDurations,
                mergeSeconds(parts));
    }

    /** The i-th second of every worker that ran it, added (compressed, as {@link Results#secondDurations()}). */
    public static List<byte[]> mergeSeconds(List<Results> parts) {
        int longest =
                parts.stream().mapToInt(p -> p.secondDurations().size()).max().orElse(0);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            Histogram h = LoopMetrics.histogram();
            for (Results p : parts) {
                if (i < p.secondDurations().size()) {
                    h.add(HistogramCodec.decode(p.secondDurations().get(i)));
                }
            }
            out.add(HistogramCodec.compress(h));
        }
        return out;
    }

    private static void sameLayout(MetricsLayout a, MetricsLayout b) {
        if (!signature(a.requests()).equals(signature(b.requests()))
                || !signature(a.scenarios()).equals(signature(b.scenarios()))) {
            throw new IllegalArgumentException("requests: " + signature(b.requests()) + " (expected: "
                    + signature(a.requests()) + ", the same plan in every worker)");
        }
    }

    private static List<Object> signature(List<MetricsLayout.Series> series) {
        return series.stream().map(s -> (Object) List.of(s.tags(), s.checks())).toList();
    }

    private static Map<String, Object> series(MetricsLayout.Series s, long[] counters, Map<String, String> histograms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", s.scenario());
        m.put("tags", s.tags());
        m.put("checks", s.checks());
        m.put("counters", counters);
        m.put("histograms", histograms);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static MetricsLayout.Series series(int index, Map<String, Object> m) {
        return new MetricsLayout.Series(
                index,
                ((Number) m.get("scenario")).intValue(),
                Map.copyOf((Map<String, String>) m.get("tags")),
                List.copyOf((List<String>) m.get("checks")));
    }

    private static List<Integer> gauge(Results.Gauge g) {
        return List.of(g.value(), g.min(), g.max());
    }

    private static Results.Gauge gauge(Object o) {
        List<?> l = (List<?>) Objects.requireNonNull(o, "gauge");
        return new Results.Gauge(
                ((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue(), ((Number) l.get(2)).intValue());
    }

    private static long[] longs(Object o) {
        return ((List<?>) o).stream().mapToLong(n -> ((Number) n).longValue()).toArray();
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length && i < from.length; i++) {
            into[i] += from[i];
        }
    }
}
