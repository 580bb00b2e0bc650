package gale.loadgen.report;

import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.metrics.StageRow;
import gale.loadgen.threshold.ThresholdResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML report: inline SVG charts (req/s, errors/s, latency percentiles, VUs) on one time axis with
 * the control plane's events as markers, then the text summary. No script, no network: it opens offline.
 */
public final class HtmlReport {

    private static final int W = 900;
    private static final int H = 180;
    private static final int PAD = 48;

    private HtmlReport() {}

    public static void write(LoadResult result, Path file) {
        try {
            Files.writeString(file, render(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(LoadResult result) {
        List<SecondRow> rows = result.series();
        long start = rows.isEmpty() ? 0 : rows.get(0).epochMillis() - 1000;
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>gale load report</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}")
                .append("h2{font-size:15px;margin:18px 0 4px}svg{background:#fafafa;border:1px solid #ddd}")
                .append("pre{background:#f4f4f4;padding:12px;overflow:auto}.pass{color:#080}.fail{color:#b00}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}")
                .append("</style></head><body><h1>gale load report</h1>");
        h.append("<p>")
                .append(rows.size())
                .append(" s, ")
                .append(result.results().count("http_reqs"))
                .append(" requests, ")
                .append(result.events().size())
                .append(" control-plane events.</p>");
        for (ThresholdResult t : result.thresholds()) {
            h.append("<div class=\"")
                    .append(t.passed() ? "pass\">✓ " : "fail\">✗ ")
                    .append(esc(t.threshold().metricKey() + ": " + t.threshold().expression()))
                    .append(String.format(Locale.ROOT, " (observed %.4g)", t.observed()))
                    .append("</div>");
        }
        chart(
                h,
                "Requests per second (blue) and failed per second (red)",
                rows,
                start,
                result.events(),
                List.of(SecondRow::requests, SecondRow::failed),
                List.of("#2563eb", "#dc2626"));
        chart(
                h,
                "Request duration, ms: p50 (green), p95 (orange), p99 (red)",
                rows,
                start,
                result.events(),
                List.of(SecondRow::p50, SecondRow::p95, SecondRow::p99),
                List.of("#16a34a", "#ea580c", "#dc2626"));
        chart(h, "Virtual users", rows, start, result.events(), List.of(SecondRow::vus), List.of("#7c3aed"));
        if (!result.results().stages().isEmpty()) {
            h.append("<h2>Stages</h2><table><tr><th>stage</th><th>VUs</th><th>samples</th><th>error %</th>")
                    .append("<th>avg ms</th><th>max ms</th><th>req/s</th></tr>");
            for (StageRow s : result.results().stages()) {
                h.append(String.format(
                        Locale.ROOT,
                        "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.1f</td></tr>",
                        esc(s.stage()),
                        esc(s.target()),
                        s.samples(),
                        s.errorPercent(),
                        s.duration().avg(),
                        s.duration().max(),
                        s.throughput()));
            }
            h.append("</table>");
        }
        if (!result.events().isEmpty()) {
            h.append("<h2>Control-plane events</h2><table>");
            for (ControlEvent e : result.events()) {
                h.append("<tr><td>")
                        .append(String.format(Locale.ROOT, "+%.1fs", (e.time().toEpochMilli() - start) / 1000.0))
                        .append("</td><td style=\"text-align:left\">")
                        .append(esc(e.label()))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SummaryPrinter.print(result, new PrintStream(text, true, StandardCharsets.UTF_8));
        h.append("<h2>Summary</h2><pre>")
                .append(esc(text.toString(StandardCharsets.UTF_8)))
                .append("</pre>");
        return h.append("</body></html>\n").toString();
    }

    private static void chart(
            StringBuilder h,
            String title,
            List<SecondRow> rows,
            long start,
            List<ControlEvent> events,
            List<ToDoubleFunction<SecondRow>> lines,
            List<String> colors) {
        h.append("<h2>").append(esc(title)).append("</h2>");
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" viewBox=\"0 0 ")
                .append(W)
                .append(' ')
                .append(H)
                .append("\">");
        double max = 0;
        for (SecondRow r : rows) {
            for (var f : lines) {
                max = Math.max(max, f.applyAsDouble(r));
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        double span = Math.max(1, rows.size());
        h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\" font-size=\"11\">%s</text>", axisLabel(max)));
        h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">0</text>", H - PAD / 2));
        h.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%ds</text>", W - 40, H - 4, rows.size()));
        FaultBands.draw(
                h,
                FaultBands.of(events, start, span),
                second -> PAD + (second / span) * (W - PAD - 10),
                8,
                H - PAD / 2);
        for (int i = 0; i < lines.size(); i++) {
            StringBuilder points = new StringBuilder();
            for (SecondRow r : rows) {
                double x = PAD + (r.second() / span) * (W - PAD - 10);
                double y = (H - PAD / 2.0) - lines.get(i).applyAsDouble(r) / max * (H - PAD);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            h.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(colors.get(i))
                    .append("\" points=\"")
                    .append(points)
                    .append("\"/>");
        }
        for (ControlEvent e : events) {
            double sec = (e.time().toEpochMilli() - start) / 1000.0;
            double x = PAD + (sec / span) * (W - PAD - 10);
            h.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"8\" y2=\"%d\" stroke=\"#991b1b\" stroke-dasharray=\"3,3\"><title>%s</title></line>",
                    x,
                    x,
                    H - PAD / 2,
                    esc(e.label())));
            h.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#991b1b\">%s</text>",
                    x + 2,
                    H - 6,
                    esc(e.type())));
        }
        h.append("</svg>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The top of a chart's axis as people write it: 23,890 req/s or 1.25 ms, never 2.389e+04. */
    static String axisLabel(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
