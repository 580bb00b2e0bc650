package gale.loadgen.metrics;

import java.time.Duration;

/**
 * One row of the per-stage table: what the stage asked for and what it measured (durations in ms), with its latency
 * by percentile for the report's distribution plot.
 */
public record StageRow(
        String stage,
        String shape,
        String target,
        int maxVus,
        long samples,
        long failed,
        TrendStats duration,
        double throughput,
        Duration from,
        Duration to,
        PercentileCurve curve) {

    public double errorPercent() {
        return samples == 0 ? 0 : 100.0 * failed / samples;
    }
}
