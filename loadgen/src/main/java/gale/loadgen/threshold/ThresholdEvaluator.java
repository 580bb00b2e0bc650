package gale.loadgen.threshold;

import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.TrendStats;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Evaluates thresholds against a test's totals, as k6 does at the end (and for abortOnFail, every second). */
public final class ThresholdEvaluator {

    private ThresholdEvaluator() {}

    public static List<ThresholdResult> evaluate(List<Threshold> thresholds, Results results) {
        return thresholds.stream().map(t -> evaluate(t, results)).toList();
    }

    public static ThresholdResult evaluate(Threshold t, Results r) {
        double observed = observe(t, r);
        return new ThresholdResult(t, observed, t.passes(observed));
    }

    static double observe(Threshold t, Results r) {
        MetricKind kind = MetricKind.METRICS.get(t.metric());
        return switch (kind) {
            case TREND -> {
                Histogram h = r.histogram(t.metric(), t.tags());
                TrendStats s = TrendStats.of(h);
                yield switch (t.aggregation()) {
                    case "avg" -> s.avg();
                    case "min" -> s.min();
                    case "max" -> s.max();
                    case "med" -> s.med();
                    default -> TrendStats.ms(h, t.percentile());
                };
            }
            case RATE -> {
                long[] tf = r.rate(t.metric(), t.tags());
                yield tf[1] == 0 ? 0 : (double) tf[0] / tf[1];
            }
            case COUNTER -> {
                long count = r.count(t.metric(), t.tags());
                yield t.aggregation().equals("count") ? count : count / Math.max(1e-9, r.durationSeconds());
            }
            case GAUGE -> {
                Results.Gauge g = r.gauge(t.metric());
                yield switch (t.aggregation()) {
                    case "min" -> g.min();
                    case "max" -> g.max();
                    default -> g.value();
                };
            }
        };
    }
}
