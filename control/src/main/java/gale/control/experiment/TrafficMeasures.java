package gale.control.experiment;

import gale.loadgen.LoadResult;
import gale.loadgen.metrics.HistogramCodec;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.metrics.TrendStats;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Traffic measures over a window of a load: the failed share and counts from its 1-second rows, percentiles from its
 * per-second histograms added together (exact: percentiles are never averaged). A second belongs to the window its
 * middle falls in.
 */
final class TrafficMeasures {

    private final LoadResult load;
    private final long startMillis;

    /** @param startMillis the wall time the load's clock started at */
    TrafficMeasures(LoadResult load, long startMillis) {
        this.load = load;
        this.startMillis = startMillis;
    }

    /** The measure over {@code window}; NaN when no request fell in it (a rate or percentile of nothing). */
    double measure(Measure measure, Window window) {
        List<SecondRow> rows = load.series();
        List<byte[]> durations = load.results().secondDurations();
        long requests = 0;
        long failed = 0;
        Histogram latency = new Histogram(3);
        for (int i = 0; i < rows.size(); i++) {
            SecondRow row = rows.get(i);
            if (!window.contains(row.epochMillis() - 500 - startMillis)) {
                continue;
            }
            requests += row.requests();
            failed += row.failed();
            if (measure.kind() == Measure.Kind.LATENCY && i < durations.size()) {
                latency.add(HistogramCodec.decode(durations.get(i)));
            }
        }
        return switch (measure.kind()) {
            case REQUESTS -> requests;
            case FAILED -> failed;
            case ERROR_RATE -> requests == 0 ? Double.NaN : (double) failed / requests;
            case LATENCY -> latency.getTotalCount() == 0 ? Double.NaN : TrendStats.ms(latency, measure.percentile());
            default ->
                throw new IllegalArgumentException(
                        "not a traffic measure: " + measure.kind().key());
        };
    }
}
