package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An alarm with CloudWatch's semantics: the {@code statistic} of {@code metric} over each {@code period}, compared with
 * {@code threshold}; ALARM when {@code datapointsToAlarm} of the last {@code evaluationPeriods} breach.
 */
public record AlarmSpec(
        String metric,
        Optional<String> targetGroup,
        Optional<String> service,
        Statistic statistic,
        Duration period,
        int evaluationPeriods,
        int datapointsToAlarm,
        double threshold,
        Comparison comparison,
        MissingData treatMissingData,
        List<String> notifierNames) {

    public enum Statistic {
        SUM,
        AVERAGE,
        MINIMUM,
        MAXIMUM,
        SAMPLE_COUNT,
        P95,
        P99
    }

    public enum Comparison {
        GREATER,
        GREATER_OR_EQUAL,
        LESS,
        LESS_OR_EQUAL
    }

    public enum MissingData {
        MISSING,
        NOT_BREACHING,
        BREACHING,
        IGNORE
    }

    public AlarmSpec {
        requireNonNull(metric, "metric");
        requireNonNull(targetGroup, "targetGroup");
        requireNonNull(service, "service");
        requireNonNull(statistic, "statistic");
        requireNonNull(period, "period");
        if (evaluationPeriods < 1) {
            throw new IllegalArgumentException("evaluationPeriods: " + evaluationPeriods + " (expected: >= 1)");
        }
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("datapointsToAlarm: " + datapointsToAlarm + " (expected: 1-"
                    + evaluationPeriods + ", at most evaluationPeriods)");
        }
        requireNonNull(comparison, "comparison");
        requireNonNull(treatMissingData, "treatMissingData");
        notifierNames = List.copyOf(notifierNames);
    }
}
