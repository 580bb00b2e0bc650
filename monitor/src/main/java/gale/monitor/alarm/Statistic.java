package gale.monitor.alarm;

import gale.monitor.series.Statistics;
import java.util.Locale;

/** The statistic an alarm takes of each period, CloudWatch's names (and p95, an extended statistic). */
public enum Statistic {
    SUM("Sum"),
    AVERAGE("Average"),
    MINIMUM("Minimum"),
    MAXIMUM("Maximum"),
    SAMPLE_COUNT("SampleCount"),
    P95("p95");

    private final String cloudWatchName;

    Statistic(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }

    /** The period's value, or NaN when the statistic is undefined (an average of no sample). */
    double of(Statistics stats) {
        return switch (this) {
            case SUM -> stats.sum();
            case AVERAGE -> stats.average();
            case MINIMUM -> stats.minimum();
            case MAXIMUM -> stats.maximum();
            case SAMPLE_COUNT -> stats.sampleCount();
            case P95 -> stats.p95();
        };
    }

    /** Accepts {@code sum}, {@code Sum}, {@code avg}, {@code min}, {@code max}, {@code sampleCount}, {@code p95}. */
    public static Statistic parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (n) {
            case "sum" -> SUM;
            case "average", "avg", "mean" -> AVERAGE;
            case "minimum", "min" -> MINIMUM;
            case "maximum", "max" -> MAXIMUM;
            case "samplecount", "count" -> SAMPLE_COUNT;
            case "p95" -> P95;
            default ->
                throw new IllegalArgumentException(
                        "statistic: " + name + " (expected: sum, average, minimum, maximum, sampleCount, p95)");
        };
    }
}
