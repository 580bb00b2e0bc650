package gale.loadgen.report;

import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.StageRow;
import gale.loadgen.metrics.TrendStats;
import gale.loadgen.threshold.MetricKind;
import gale.loadgen.threshold.ThresholdResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-test summary in k6's grouped layout (thresholds, then HTTP, execution and network), followed by a
 * per-stage table like JMeter's aggregate report, status codes, error kinds and control-plane events.
 */
public final class SummaryPrinter {

    private static final int NAME_WIDTH = 34;

    private SummaryPrinter() {}

    public static void print(LoadResult result, PrintStream out) {
        Results r = result.results();
        double secs = Math.max(1e-9, r.durationSeconds());
        out.println();
        if (result.interrupted() || result.aborted()) {
            out.println(
                    "  (stopped early: " + (result.aborted() ? "a threshold with abortOnFail failed" : "interrupted")
                            + ", the results below cover what ran)");
            out.println();
        }
        if (!result.thresholds().isEmpty()) {
            out.println("  █ THRESHOLDS");
            Map<String, List<ThresholdResult>> byMetric = new LinkedHashMap<>();
            result.thresholds()
                    .forEach(t -> byMetric.computeIfAbsent(t.threshold().metricKey(), k -> new java.util.ArrayList<>())
                            .add(t));
            byMetric.forEach((metric, list) -> {
                out.println();
                out.println("    " + metric);
                for (ThresholdResult t : list) {
                    out.println("    " + (t.passed() ? "✓" : "✗") + " '"
                            + t.threshold().expression() + "' " + observed(t));
                }
            });
            out.println();
        }
        out.println("  █ TOTAL RESULTS");
        Map<String, long[]> checks = r.checks();
        if (!checks.isEmpty()) {
            out.println();
            out.println("    CHECKS");
            long[] all = r.rate("checks", Map.of());
            line(out, "checks_total", all[1] + "  " + Units.rate(all[1] / secs));
            line(out, "checks_succeeded", percent(all[0], all[1]) + " " + all[0] + " out of " + all[1]);
            line(
                    out,
                    "checks_failed",
                    percent(all[1] - all[0], all[1]) + " " + (all[1] - all[0]) + " out of " + all[1]);
            checks.forEach((name, pf) -> out.println("    " + (pf[1] == 0 ? "✓ " : "✗ ") + name
                    + (pf[1] == 0 ? "" : "  ↳ " + percent(pf[0], pf[0] + pf[1]) + " — ✓ " + pf[0] + " / ✗ " + pf[1])));
        }
        out.println();
        out.println("    HTTP");
        for (String m : List.of(
                "http_req_blocked",
                "http_req_connecting",
                "http_req_duration",
                "http_req_receiving",
                "http_req_sending",
                "http_req_waiting")) {
            line(out, m, trend(r.trend(m)));
        }
        long[] failed = r.rate("http_req_failed", Map.of());
        line(out, "http_req_failed", percent(failed[0], failed[1]) + " " + failed[0] + " out of " + failed[1]);
        line(out, "http_reqs", r.count("http_reqs") + "  " + Units.rate(r.count("http_reqs") / secs));
        out.println();
        out.println("    EXECUTION");
        long dropped = r.count("dropped_iterations");
        if (dropped > 0) {
            line(out, "dropped_iterations", dropped + "  " + Units.rate(dropped / secs));
        }
        if (!r.groupSeries().isEmpty()) {
            line(out, "group_duration", trend(r.trend("group_duration")));
        }
        line(out, "iteration_duration", trend(r.trend("iteration_duration")));
        line(out, "iterations", r.count("iterations") + "  " + Units.rate(r.count("iterations") / secs));
        Results.Gauge vus = r.gauge("vus");
        line(out, "vus", vus.value() + "  min=" + vus.min() + " max=" + vus.max());
        Results.Gauge vusMax = r.gauge("vus_max");
        line(out, "vus_max", vusMax.value() + "  min=" + vusMax.min() + " max=" + vusMax.max());
        out.println();
        out.println("    NETWORK");
        line(
                out,
                "data_received",
                Units.bytes(r.count("data_received")) + "  " + Units.bytes(r.count("data_received") / secs) + "/s");
        line(
                out,
                "data_sent",
                Units.bytes(r.count("data_sent")) + "  " + Units.bytes(r.count("data_sent") / secs) + "/s");
        stages(r.stages(), out);
        StepTable.print(r, out);
        out.println();
        out.println("  STATUS CODES  " + (r.statuses().isEmpty() ? "none" : join(r.statuses())));
        out.println("  ERRORS        " + (r.errorKinds().isEmpty() ? "none" : join(r.errorKinds())));
        out.println("  PROTOCOLS     " + (r.protocols().isEmpty() ? "none" : join(r.protocols())));
        if (!result.events().isEmpty()) {
            out.println();
            out.println("  CONTROL PLANE EVENTS");
            for (ControlEvent e : result.events()) {
                out.println("    " + e.time() + "  " + e.label());
            }
        }
        out.println();
        out.flush();
    }

    private static void stages(List<StageRow> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println("  █ STAGES");
        out.println();
        out.printf(
                Locale.ROOT,
                "    %-18s %-22s %8s %10s %8s %10s %10s %10s%n",
                "stage",
                "shape",
                "VUs",
                "samples",
                "error %",
                "avg ms",
                "max ms",
                "req/s");
        for (StageRow s : rows) {
            out.printf(
                    Locale.ROOT,
                    "    %-18s %-22s %8s %10d %7.2f%% %10.2f %10.2f %10.2f%n",
                    s.stage(),
                    s.shape(),
                    s.target(),
                    s.samples(),
                    s.errorPercent(),
                    s.duration().avg(),
                    s.duration().max(),
                    s.throughput());
        }
    }

    private static String observed(ThresholdResult t) {
        MetricKind kind = MetricKind.METRICS.get(t.threshold().metric());
        String agg = t.threshold().expression().replaceAll("(<=|>=|==|!=|<|>).*", "");
        String value = switch (kind) {
            case TREND -> Units.millis(t.observed());
            case RATE -> String.format(Locale.ROOT, "%.2f%%", t.observed() * 100);
            default -> Units.number(t.observed());
        };
        return agg + "=" + value;
    }

    private static String trend(TrendStats s) {
        return "avg=" + Units.millis(s.avg()) + " min=" + Units.millis(s.min()) + " med=" + Units.millis(s.med())
                + " max=" + Units.millis(s.max()) + " p(90)=" + Units.millis(s.p90()) + " p(95)="
                + Units.millis(s.p95()) + " p(99)=" + Units.millis(s.p99());
    }

    private static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.2f%%", total == 0 ? 0 : 100.0 * part / total);
    }

    private static void line(PrintStream out, String name, String value) {
        StringBuilder s = new StringBuilder("    ").append(name);
        while (s.length() < NAME_WIDTH) {
            s.append('.');
        }
        out.println(s.append(": ").append(value));
    }

    private static String join(Map<?, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) ->
                s.append(s.isEmpty() ? "" : "  ").append(k).append('=').append(v));
        return s.toString();
    }
}
