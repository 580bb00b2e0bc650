package gale.monitor.series;

import java.util.Arrays;

/**
 * Statistics of a series over a period, CloudWatch's: sum, average, minimum, maximum, sample count, and percentiles of
 * the samples kept (exact while a second holds at most {@link TimeSeriesStore#SAMPLES_PER_SECOND} samples, estimated
 * from a uniform reservoir beyond).
 *
 * @param seconds how many seconds of the period hold data (or were touched)
 */
public record Statistics(
        double sum, double average, double minimum, double maximum, long sampleCount, int seconds, double[] sorted) {
    /** No second of the period was recorded or touched: the datapoint is missing. */
    public static final Statistics EMPTY = new Statistics(0, Double.NaN, Double.NaN, Double.NaN, 0, 0, new double[0]);

    /** Keeps its own sorted copy of {@code samples}. */
    public Statistics {
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    /**
     * Whether the period has no datapoint at all. A period that was only {@linkplain TimeSeriesStore#touch touched}
     * is not empty: its sum and sample count are 0, its average, minimum, maximum and percentiles are NaN.
     */
    public boolean isEmpty() {
        return seconds == 0;
    }

    /** The nearest-rank percentile of the kept samples, {@code quantile} in (0, 1]; NaN without samples. */
    public double percentile(double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    public double p95() {
        return percentile(0.95);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Statistics s
                && Double.compare(sum, s.sum) == 0
                && Double.compare(average, s.average) == 0
                && Double.compare(minimum, s.minimum) == 0
                && Double.compare(maximum, s.maximum) == 0
                && sampleCount == s.sampleCount
                && seconds == s.seconds
                && Arrays.equals(sorted, s.sorted);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(sum) * 31 + Long.hashCode(sampleCount) * 17 + seconds;
    }

    @Override
    public String toString() {
        return "Statistics[sum=" + sum + ", average=" + average + ", minimum=" + minimum + ", maximum=" + maximum
                + ", sampleCount=" + sampleCount + ", seconds=" + seconds + ", samples=" + sorted.length + "]";
    }
}
