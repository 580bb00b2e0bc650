package gale.loadgen.output;

import gale.loadgen.LoadOutput;
import gale.loadgen.metrics.LoopMetrics;
import gale.loadgen.metrics.MetricsLayout;
import gale.loadgen.metrics.SecondRow;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --out} outputs that follow the run as it goes: k6's points (JSON, CSV) and the HdrHistogram log. Assembled once per run; each
 * second's row goes to all of them, and {@link #close()} ends them when the results are taken.
 */
public final class RunOutputs implements AutoCloseable {

    private final PointOutputs points;
    private final HdrLog hdr;

    private RunOutputs(PointOutputs points, HdrLog hdr) {
        this.points = points;
        this.hdr = hdr;
    }

    public static RunOutputs open(LoadOutput output, MetricsLayout layout, List<LoopMetrics> loops) {
        Path json = output.out(OutputTarget.Type.JSON);
        Path csv = output.out(OutputTarget.Type.CSV);
        PointOutputs points = json == null && csv == null ? null : PointOutputs.open(layout, loops, json, csv);
        Path hdr = output.out(OutputTarget.Type.HDR);
        return new RunOutputs(
                points, hdr == null ? null : new HdrLog(hdr, output.clock().millis()));
    }

    /** One second of the run has been folded into the totals; {@code durations} is its http_req_duration (µs). */
    public void second(SecondRow row, org.HdrHistogram.Histogram durations) {
        if (points != null) {
            points.gauges(row);
        }
        if (hdr != null) {
            hdr.interval(row.epochMillis(), durations);
        }
    }

    @Override
    public void close() {
        if (points != null) {
            points.close();
        }
        if (hdr != null) {
            hdr.close();
        }
    }
}
