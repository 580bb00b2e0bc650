package gale.loadgen.metrics;

import org.HdrHistogram.Histogram;

/** k6's trend columns, in milliseconds. */
public record TrendStats(
        long count, double avg, double min, double med, double max, double p90, double p95, double p99) {

    public static final TrendStats EMPTY = new TrendStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** From a histogram of microseconds. */
    public static TrendStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new TrendStats(
                h.getTotalCount(),
                h.getMean() / 1000.0,
                h.getMinValue() / 1000.0,
                ms(h, 50),
                h.getMaxValue() / 1000.0,
                ms(h, 90),
                ms(h, 95),
                ms(h, 99));
    }

    /** The {@code percentile} of a histogram of microseconds, in ms (0 when empty). */
    public static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
