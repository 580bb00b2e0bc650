package gale.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.PercentileCurve;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.metrics.StageRow;
import gale.loadgen.metrics.TrendStats;
import gale.loadgen.threshold.ThresholdResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The data a report page draws (report.js): one object per second, the stages as time windows with their
 * latency by percentile, control-plane events, thresholds and the text summary. The same rows go, one at a time, to
 * a live page ({@link LiveDashboard}).
 */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    /** Everything a finished test measured. */
    public static ObjectNode of(LoadResult result) {
        List<SecondRow> rows = result.series();
        long start = rows.isEmpty() ? 0 : rows.getFirst().epochMillis() - 1000;
        ObjectNode root = JSON.createObjectNode();
        root.put("start", start);
        ArrayNode seconds = root.putArray("rows");
        rows.forEach(r -> seconds.add(row(r)));
        ArrayNode stages = root.putArray("stages");
        ArrayNode curves = root.putArray("curves");
        curves.add(
                curve("all requests", PercentileCurve.of(result.results().histogram("http_req_duration", Map.of()))));
        for (StageRow s : result.results().stages()) {
            ObjectNode node = stages.addObject();
            node.put("label", s.stage());
            node.put("shape", s.shape());
            node.put("target", s.target());
            node.put("from", (start + s.from().toMillis()) / 1000.0);
            node.put("to", (start + s.to().toMillis()) / 1000.0);
            node.put("samples", s.samples());
            node.put("errorPercent", s.errorPercent());
            trend(node, s.duration());
            node.put("throughput", s.throughput());
            if (result.results().stages().size() > 1) {
                curves.add(curve(s.stage(), s.curve()));
            }
        }
        ArrayNode percentiles = root.putArray("percentiles");
        for (double p : PercentileCurve.PERCENTILES) {
            percentiles.add(Math.round(p * 1e6) / 1e6);
        }
        ArrayNode events = root.putArray("events");
        result.events().forEach(e -> events.add(event(e)));
        ArrayNode faults = root.putArray("faults");
        for (FaultBands.Band band : FaultBands.of(result.events(), start, rows.size())) {
            ObjectNode node = faults.addObject();
            node.put("id", band.faultId());
            node.put("from", start / 1000.0 + band.fromSecond());
            node.put("to", start / 1000.0 + band.toSecond());
            node.put("label", band.label());
        }
        ArrayNode thresholds = root.putArray("thresholds");
        for (ThresholdResult t : result.thresholds()) {
            ObjectNode node = thresholds.addObject();
            node.put("metric", t.threshold().metricKey());
            node.put("expression", t.threshold().expression());
            node.put("aggregation", t.threshold().aggregation());
            node.put("percentile", t.threshold().percentile());
            node.put("value", t.threshold().value());
            node.put("observed", t.observed());
            node.put("passed", t.passed());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("requests", result.results().count("http_reqs"));
        totals.put("failed", result.results().rate("http_req_failed", Map.of())[0]);
        totals.put("seconds", result.results().durationSeconds());
        totals.put("interrupted", result.interrupted());
        totals.put("aborted", result.aborted());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SummaryPrinter.print(result, new PrintStream(text, true, StandardCharsets.UTF_8));
        root.put("summary", text.toString(StandardCharsets.UTF_8));
        return root;
    }

    /** One second: {@code t} in epoch seconds, counts, latency in ms, outcomes and the events received in it. */
    public static ObjectNode row(SecondRow r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("t", r.epochMillis() / 1000);
        node.put("vus", r.vus());
        node.put("reqs", r.requests());
        node.put("failed", r.failed());
        node.put("avg", round(r.avg()));
        node.put("p50", round(r.p50()));
        node.put("p90", round(r.p90()));
        node.put("p95", round(r.p95()));
        node.put("p99", round(r.p99()));
        node.put("max", round(r.max()));
        node.set("outcomes", JSON.valueToTree(r.outcomes()));
        if (!r.events().isEmpty()) {
            ArrayNode events = node.putArray("events");
            r.events().forEach(e -> events.add(event(e)));
        }
        return node;
    }

    private static ObjectNode event(ControlEvent e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("t", e.time().toEpochMilli() / 1000.0);
        node.put("type", e.type());
        node.put("subject", e.subject());
        node.put("reason", e.reason());
        return node;
    }

    private static ObjectNode curve(String label, PercentileCurve curve) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", label);
        ArrayNode ms = node.putArray("ms");
        for (double v : curve.ms()) {
            ms.add(round(v));
        }
        return node;
    }

    private static void trend(ObjectNode node, TrendStats t) {
        node.put("avg", round(t.avg()));
        node.put("p95", round(t.p95()));
        node.put("p99", round(t.p99()));
        node.put("max", round(t.max()));
    }

    /** Four significant digits: enough for a chart and a table, and a 10-minute report stays small. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
