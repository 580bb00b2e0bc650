package gale.loadgen.merge;

import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.ResultsCodec;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.threshold.Threshold;
import gale.loadgen.threshold.ThresholdResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gale} section of a summary export: everything a merge needs to rebuild the test exactly (the tallies
 * with full histograms, the 1-second series, the thresholds, and which execution segment this worker ran).
 */
public final class WorkerSummary {

    public static final int VERSION = 1;

    private WorkerSummary() {}

    public static Map<String, Object> encode(LoadResult result, String segment) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("segment", segment);
        out.put("interrupted", result.interrupted());
        out.put("aborted", result.aborted());
        List<Object> thresholds = new ArrayList<>();
        for (ThresholdResult t : result.thresholds()) {
            Threshold th = t.threshold();
            thresholds.add(Map.of(
                    "metric", th.metricKey(),
                    "expression", th.expression(),
                    "abortOnFail", th.abortOnFail(),
                    "delayAbortEvalMs", th.delayAbortEval().toMillis()));
        }
        out.put("thresholds", thresholds);
        out.put("results", ResultsCodec.encode(result.results()));
        List<Object> series = new ArrayList<>();
        for (SecondRow r : result.series()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("second", r.second());
            m.put("epochMillis", r.epochMillis());
            m.put("vus", r.vus());
            m.put("vusMax", r.vusMax());
            m.put("requests", r.requests());
            m.put("failed", r.failed());
            m.put("iterations", r.iterations());
            m.put("dropped", r.dropped());
            m.put("dataSent", r.dataSent());
            m.put("dataReceived", r.dataReceived());
            m.put("events", r.events().stream().map(WorkerSummary::event).toList());
            m.put("outcomes", r.outcomes());
            series.add(m);
        }
        out.put("series", series);
        return out;
    }

    private static Map<String, Object> event(ControlEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("time", e.time().toString());
        m.put("type", e.type());
        m.put("subject", e.subject());
        m.put("reason", e.reason());
        m.put("service", e.service());
        return m;
    }
}
