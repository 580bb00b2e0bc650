package gale.monitor.alarm;

import gale.monitor.series.Statistics;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistic an alarm takes of each period, with CloudWatch's names: {@code SampleCount}, {@code Average},
 * {@code Sum}, {@code Minimum}, {@code Maximum}, and percentiles {@code pNN} ({@code p99}, {@code p99.9}).
 *
 * @param percentile the percentile in (0, 100) for a {@code pNN}, NaN for the others
 */
public record Statistic(Kind kind, double percentile) {

    public enum Kind {
        SAMPLE_COUNT("SampleCount"),
        AVERAGE("Average"),
        SUM("Sum"),
        MINIMUM("Minimum"),
        MAXIMUM("Maximum"),
        PERCENTILE("pNN");

        private final String cloudWatchName;

        Kind(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    public static final Statistic SAMPLE_COUNT = new Statistic(Kind.SAMPLE_COUNT, Double.NaN);
    public static final Statistic AVERAGE = new Statistic(Kind.AVERAGE, Double.NaN);
    public static final Statistic SUM = new Statistic(Kind.SUM, Double.NaN);
    public static final Statistic MINIMUM = new Statistic(Kind.MINIMUM, Double.NaN);
    public static final Statistic MAXIMUM = new Statistic(Kind.MAXIMUM, Double.NaN);

    private static final Pattern PERCENTILE = Pattern.compile("[pP](\\d{1,2}(?:\\.\\d{1,3})?)");
    private static final String EXPECTED = "SampleCount, Average, Sum, Minimum, Maximum or pNN like p99 or p99.9";

    public Statistic {
        if (kind == null) {
            throw new IllegalArgumentException("statistic: null (expected: " + EXPECTED + ")");
        }
        if (kind == Kind.PERCENTILE ? !(percentile > 0 && percentile < 100) : !Double.isNaN(percentile)) {
            throw new IllegalArgumentException("statistic: p" + percentile + " (expected: p0.001-p99.999)");
        }
    }

    public static Statistic percentile(double percentile) {
        return new Statistic(Kind.PERCENTILE, percentile);
    }

    public boolean isPercentile() {
        return kind == Kind.PERCENTILE;
    }

    /** {@code Sum}, {@code p99}, {@code p99.9}: as CloudWatch writes it. */
    public String cloudWatchName() {
        if (!isPercentile()) {
            return kind.cloudWatchName;
        }
        return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
    }

    /** The period's value, or NaN when the statistic is undefined (an average of no sample). */
    double of(Statistics stats) {
        return switch (kind) {
            case SAMPLE_COUNT -> stats.sampleCount();
            case AVERAGE -> stats.average();
            case SUM -> stats.sum();
            case MINIMUM -> stats.minimum();
            case MAXIMUM -> stats.maximum();
            case PERCENTILE -> stats.percentile(percentile / 100);
        };
    }

    /** CloudWatch's names as AWS writes them ({@code SampleCount}), in any case ({@code samplecount}), or {@code pNN}. */
    public static Statistic parse(String name) {
        String text = name == null ? "" : name.strip();
        Matcher m = PERCENTILE.matcher(text);
        if (m.matches()) {
            return percentile(Double.parseDouble(m.group(1)));
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "samplecount" -> SAMPLE_COUNT;
            case "average" -> AVERAGE;
            case "sum" -> SUM;
            case "minimum" -> MINIMUM;
            case "maximum" -> MAXIMUM;
            default -> throw new IllegalArgumentException("statistic: " + name + " (expected: " + EXPECTED + ")");
        };
    }

    @Override
    public String toString() {
        return cloudWatchName();
    }
}
