package gale.monitor.alarm;

import gale.monitor.series.Series;
import gale.monitor.series.SeriesKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alarm, as the stack file's {@code alarms:} entry states it (CloudWatch's fields). Null optional fields take
 * their defaults (the constants below; datapointsToAlarm = evaluationPeriods; no dimensions, no notifiers), so the
 * stack file's mapping passes what the user wrote and nothing else.
 *
 * @param dimensions e.g. {@code targetGroup=web} or {@code service=web}; with the metric they name the series
 * @param period whole seconds, at least 1 s
 * @param datapointsToAlarm M of the last N ({@code evaluationPeriods}) datapoints must breach to go to ALARM
 * @param notifiers names of the notifiers (the stack file's {@code notify:}) told of each state change
 */
public record AlarmConfig(
        String name,
        String metric,
        Map<String, String> dimensions,
        Statistic statistic,
        Duration period,
        Integer evaluationPeriods,
        Integer datapointsToAlarm,
        double threshold,
        Comparison comparison,
        TreatMissingData treatMissingData,
        List<String> notifiers) {

    public static final Statistic DEFAULT_STATISTIC = Statistic.AVERAGE;
    /** CloudWatch's standard resolution. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);

    public static final Comparison DEFAULT_COMPARISON = Comparison.GREATER;
    public static final int DEFAULT_EVALUATION_PERIODS = 1;
    public static final TreatMissingData DEFAULT_TREAT_MISSING_DATA = TreatMissingData.MISSING;
    /** No more than a day of periods: the series keep an hour by default anyway. */
    public static final int MAX_EVALUATION_PERIODS = 86_400;

    public AlarmConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: a name)");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException(
                    "alarms." + name + ".metric: '" + metric + "' (expected: a metric name)");
        }
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        statistic = statistic == null ? DEFAULT_STATISTIC : statistic;
        period = period == null ? DEFAULT_PERIOD : period;
        if (period.toMillis() < 1000 || period.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(
                    "alarms." + name + ".period: " + period + " (expected: whole seconds, at least 1s)");
        }
        evaluationPeriods = evaluationPeriods == null ? DEFAULT_EVALUATION_PERIODS : evaluationPeriods;
        if (evaluationPeriods < 1 || evaluationPeriods > MAX_EVALUATION_PERIODS) {
            throw new IllegalArgumentException("alarms." + name + ".evaluationPeriods: " + evaluationPeriods
                    + " (expected: 1-" + MAX_EVALUATION_PERIODS + ")");
        }
        datapointsToAlarm = datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("alarms." + name + ".datapointsToAlarm: " + datapointsToAlarm
                    + " (expected: 1-" + evaluationPeriods + ", at most evaluationPeriods)");
        }
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(
                    "alarms." + name + ".threshold: " + threshold + " (expected: a finite number)");
        }
        comparison = comparison == null ? DEFAULT_COMPARISON : comparison;
        treatMissingData = treatMissingData == null ? DEFAULT_TREAT_MISSING_DATA : treatMissingData;
        notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
    }

    /**
     * This alarm, checked against the series Gale publishes ({@link Series}): a metric it records, under the one
     * dimension given, and a percentile only of a distribution. Without it an alarm on a misspelt name would wait in
     * INSUFFICIENT_DATA forever.
     */
    public AlarmConfig checkPublished() {
        Series series = Series.published(metric, dimensions);
        if (statistic.isPercentile() && !series.hasDistribution()) {
            throw new IllegalArgumentException("statistic: " + statistic + " (expected: SampleCount, Average, Sum,"
                    + " Minimum or Maximum; " + metric + " is a "
                    + series.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + ", percentiles are kept of " + Series.distributions() + " only)");
        }
        return this;
    }

    /** The series this alarm reads. */
    public SeriesKey seriesKey() {
        return new SeriesKey(metric, dimensions);
    }

    /** The time the evaluation looks back over: evaluationPeriods × period. */
    public Duration evaluationRange() {
        return period.multipliedBy(evaluationPeriods);
    }
}
