package gale.loadgen.report;

import gale.loadgen.metrics.MetricsLayout;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.TrendStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts per step (each request series: a journey's steps, or a plan's requests) and durations per journey group,
 * printed under the summary when a plan has more than one request or any group.
 */
final class StepTable {

    private StepTable() {}

    static void print(Results r, PrintStream out) {
        List<MetricsLayout.Series> steps = r.requestSeries();
        List<MetricsLayout.Series> groups = r.groupSeries();
        if (steps.size() < 2 && groups.isEmpty()) {
            return;
        }
        int width = 8;
        for (MetricsLayout.Series s : steps) {
            width = Math.max(width, s.tags().get("scenario").length());
        }
        String text = "    %-" + width + "s %-34s %9s %8s %9s %9s %10s %10s%n";
        String numbers = "    %-" + width + "s %-34s %9d %8d %9d %9d %10.2f %10.2f%n";
        String group = "    %-" + width + "s %-34s %9d %8s %9s %9s %10.2f %10.2f%n";
        out.println();
        out.println("  █ STEPS");
        out.println();
        out.printf(
                Locale.ROOT, text, "scenario", "step", "reqs", "failed", "checks ✓", "checks ✗", "avg ms", "p(95) ms");
        for (MetricsLayout.Series s : steps) {
            Map<String, String> filter = Map.of(
                    "scenario", s.tags().get("scenario"), "name", s.tags().get("name"));
            long[] failed = r.rate("http_req_failed", filter);
            long[] checks = r.rate("checks", filter);
            TrendStats d = r.trend("http_req_duration", filter);
            out.printf(
                    Locale.ROOT,
                    numbers,
                    s.tags().get("scenario"),
                    cut(s.tags().get("name")),
                    failed[1],
                    failed[0],
                    checks[0],
                    checks[1] - checks[0],
                    d.avg(),
                    d.p95());
        }
        for (MetricsLayout.Series g : groups) {
            TrendStats d = r.trend("group_duration", g.tags());
            out.printf(
                    Locale.ROOT,
                    group,
                    g.tags().get("scenario"),
                    cut("group " + g.tags().get("group")),
                    d.count(),
                    "",
                    "",
                    "",
                    d.avg(),
                    d.p95());
        }
    }

    private static String cut(String name) {
        return name.length() <= 34 ? name : name.substring(0, 33) + "…";
    }
}
