package gale.loadgen.merge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.HistogramCodec;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.ResultsCodec;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.metrics.TrendStats;
import gale.loadgen.plan.PlanException;
import gale.loadgen.segment.Fraction;
import gale.loadgen.threshold.Threshold;
import gale.loadgen.threshold.ThresholdEvaluator;
import gale.loadgen.threshold.Thresholds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * {@code gale load merge}: the summary exports of the workers that ran a plan's execution segments, as the one test
 * they make together. Counts add and percentiles come from the added histograms, so the merge equals what one
 * machine would have measured; the workers' thresholds (and any given here) are evaluated on the merged results.
 */
public final class SummaryMerge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryMerge() {}

    /** Reads and merges {@code files}; bad input (not a worker export, different plans, gaps) is a PlanException. */
    public static LoadResult merge(List<Path> files, List<String> extraThresholds) {
        if (files.isEmpty()) {
            throw new PlanException("FILE: none (expected: the workers' --summary-export files)");
        }
        List<Map<String, Object>> workers = new ArrayList<>();
        for (Path f : files) {
            workers.add(read(f));
        }
        checkSegments(files, workers);
        List<Results> parts = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            try {
                parts.add(ResultsCodec.decode(section(workers.get(i), "results")));
            } catch (RuntimeException e) {
                throw new PlanException(files.get(i) + ": " + e.getMessage(), e);
            }
        }
        List<SecondRow> rows = series(workers, ResultsCodec.mergeSeconds(parts));
        Results merged;
        try {
            merged = ResultsCodec.merge(parts, vus(rows));
        } catch (IllegalArgumentException e) {
            throw new PlanException(e.getMessage(), e);
        }
        List<Threshold> thresholds = thresholds(workers, extraThresholds);
        boolean interrupted = workers.stream().anyMatch(w -> Boolean.TRUE.equals(w.get("interrupted")));
        boolean aborted = workers.stream().anyMatch(w -> Boolean.TRUE.equals(w.get("aborted")));
        List<ControlEvent> events =
                rows.stream().flatMap(r -> r.events().stream()).toList();
        return new LoadResult(
                merged, ThresholdEvaluator.evaluate(thresholds, merged), rows, events, interrupted, aborted);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new PlanException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Object gale = root.get("gale");
        if (!(gale instanceof Map<?, ?> m) || !(m.get("version") instanceof Number v) || v.intValue() != 1) {
            throw new PlanException(file + ": no gale section of version " + WorkerSummary.VERSION
                    + " (expected: a gale load --summary-export file)");
        }
        return (Map<String, Object>) gale;
    }

    /** The segments must tile 0:1 once: a missing or doubled worker would make the merge silently wrong. */
    private static void checkSegments(List<Path> files, List<Map<String, Object>> workers) {
        record Span(Fraction from, Fraction to, Path file) {}
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            String s = String.valueOf(workers.get(i).get("segment"));
            int colon = s.indexOf(':');
            spans.add(new Span(
                    Fraction.parse(s.substring(0, colon)), Fraction.parse(s.substring(colon + 1)), files.get(i)));
        }
        spans.sort(Comparator.comparing(Span::from));
        Fraction at = Fraction.ZERO;
        for (Span span : spans) {
            if (!span.from().equals(at)) {
                throw new PlanException(span.file() + ": segment " + span.from() + ":" + span.to() + " (expected: one"
                        + " starting at " + at + "; the files must cover 0:1 once, each worker once)");
            }
            at = span.to();
        }
        if (!at.equals(Fraction.ONE)) {
            throw new PlanException("segments end at " + at + " (expected: 1; a worker's file is missing)");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<SecondRow> series(List<Map<String, Object>> workers, List<byte[]> durations) {
        List<SecondRow> out = new ArrayList<>();
        for (int i = 0; i < durations.size(); i++) {
            long epoch = Long.MAX_VALUE;
            long[] sums = new long[8];
            Map<Long, ControlEvent> events = new TreeMap<>();
            Map<String, Long> outcomes = new TreeMap<>();
            for (Map<String, Object> w : workers) {
                List<Map<String, Object>> rows = (List<Map<String, Object>>) w.get("series");
                if (i >= rows.size()) {
                    continue;
                }
                Map<String, Object> r = rows.get(i);
                epoch = Math.min(epoch, num(r, "epochMillis"));
                String[] keys = {
                    "vus", "vusMax", "requests", "failed", "iterations", "dropped", "dataSent", "dataReceived"
                };
                for (int k = 0; k < keys.length; k++) {
                    sums[k] += num(r, keys[k]);
                }
                ((Map<String, Object>) r.getOrDefault("outcomes", Map.of()))
                        .forEach((kind, n) -> outcomes.merge(kind, ((Number) n).longValue(), Long::sum));
                for (Map<String, Object> e : (List<Map<String, Object>>) r.get("events")) {
                    ControlEvent ev = new ControlEvent(
                            num(e, "id"),
                            Instant.parse((String) e.get("time")),
                            (String) e.get("type"),
                            (String) e.get("subject"),
                            (String) e.get("reason"),
                            (String) e.get("service"));
                    events.put(ev.id(), ev);
                }
            }
            Histogram h = HistogramCodec.decode(durations.get(i));
            out.add(new SecondRow(
                    i + 1,
                    epoch,
                    (int) sums[0],
                    (int) sums[1],
                    sums[2],
                    sums[3],
                    h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0,
                    TrendStats.ms(h, 50),
                    TrendStats.ms(h, 90),
                    TrendStats.ms(h, 95),
                    TrendStats.ms(h, 99),
                    h.getMaxValue() / 1000.0,
                    sums[4],
                    sums[5],
                    sums[6],
                    sums[7],
                    List.copyOf(events.values()),
                    outcomes));
        }
        return out;
    }

    private static Results.Gauge vus(List<SecondRow> rows) {
        if (rows.isEmpty()) {
            return new Results.Gauge(0, 0, 0);
        }
        int min = rows.stream().mapToInt(SecondRow::vus).min().orElse(0);
        int max = rows.stream().mapToInt(SecondRow::vus).max().orElse(0);
        return new Results.Gauge(rows.getLast().vus(), min, max);
    }

    @SuppressWarnings("unchecked")
    private static List<Threshold> thresholds(List<Map<String, Object>> workers, List<String> extra) {
        Map<String, Threshold> out = new LinkedHashMap<>();
        for (Map<String, Object> w : workers) {
            for (Map<String, Object> t : (List<Map<String, Object>>) w.get("thresholds")) {
                Threshold th = Thresholds.parse(
                        (String) t.get("metric"),
                        (String) t.get("expression"),
                        false,
                        Duration.ofMillis(num(t, "delayAbortEvalMs")));
                out.putIfAbsent(th.metricKey() + " " + th.expression(), th);
            }
        }
        for (String text : extra) {
            Threshold th = Thresholds.parse(text);
            out.putIfAbsent(th.metricKey() + " " + th.expression(), th);
        }
        return List.copyOf(out.values());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> worker, String key) {
        return (Map<String, Object>) worker.get(key);
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
