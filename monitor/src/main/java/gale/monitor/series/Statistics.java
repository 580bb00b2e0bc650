package gale.monitor.series;

/**
 * Statistics of a series over a period, CloudWatch's: sum, average, minimum, maximum, sample count, and p95 of the
 * samples kept (exact while a second holds at most {@link TimeSeriesStore#SAMPLES_PER_SECOND} samples, estimated
 * from a uniform reservoir beyond).
 *
 * @param seconds how many seconds of the period hold data (or were touched)
 */
public record Statistics(
        double sum, double average, double minimum, double maximum, long sampleCount, double p95, int seconds) {
    /** No second of the period was recorded or touched: the datapoint is missing. */
    public static final Statistics EMPTY = new Statistics(0, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 0);

    /**
     * Whether the period has no datapoint at all. A period that was only {@linkplain TimeSeriesStore#touch touched}
     * is not empty: its sum and sample count are 0, its average, minimum, maximum and p95 are NaN.
     */
    public boolean isEmpty() {
        return seconds == 0;
    }
}
