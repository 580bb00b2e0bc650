package gale.monitor.alarm;

import gale.monitor.series.SeriesReader;
import gale.monitor.series.Statistics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CloudWatch's evaluation of one alarm: take the statistic of each of the last N periods, treat missing ones as
 * told, and go to ALARM when at least M breach. Periods end at the last complete second (CloudWatch aligns them to
 * the period; sliding them lets Gale react within a second).
 */
final class AlarmEvaluator {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The state the alarm should be in and why; a null state keeps the current one. */
    record Evaluation(AlarmState state, String reason) {}

    private record Point(Instant start, double value) {
        boolean missing() {
            return Double.isNaN(value);
        }

        String describe() {
            return value + " (" + STAMP.format(start) + ")";
        }
    }

    private AlarmEvaluator() {}

    static Evaluation evaluate(AlarmConfig alarm, SeriesReader reader, Instant now, AlarmState current) {
        List<Point> points = datapoints(alarm, reader, now);
        int n = alarm.evaluationPeriods();
        int m = alarm.datapointsToAlarm();
        List<Point> present = points.stream().filter(p -> !p.missing()).toList();
        TreatMissingData treat = alarm.treatMissingData();
        if (present.isEmpty() && (treat == TreatMissingData.MISSING || treat == TreatMissingData.IGNORE)) {
            if (treat == TreatMissingData.IGNORE) {
                return new Evaluation(null, null);
            }
            return new Evaluation(
                    AlarmState.INSUFFICIENT_DATA,
                    "Insufficient Data: " + n + (n == 1 ? " datapoint was" : " datapoints were") + " unknown.");
        }
        Comparison comparison = alarm.comparison();
        List<Point> breaching = present.stream()
                .filter(p -> comparison.breaches(p.value(), alarm.threshold()))
                .toList();
        long missing = points.size() - present.size();
        long breachingCount = breaching.size() + (treat == TreatMissingData.BREACHING ? missing : 0);
        if (breachingCount >= m) {
            return new Evaluation(
                    AlarmState.ALARM, reason(breachingCount, n, breaching, "", alarm, m, current, AlarmState.ALARM));
        }
        List<Point> good = present.stream().filter(p -> !breaching.contains(p)).toList();
        long goodCount = good.size() + (treat == TreatMissingData.NOT_BREACHING ? missing : 0);
        return new Evaluation(AlarmState.OK, reason(goodCount, n, good, "not ", alarm, m, current, AlarmState.OK));
    }

    private static List<Point> datapoints(AlarmConfig alarm, SeriesReader reader, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        List<Point> points = new ArrayList<>();
        for (int i = alarm.evaluationPeriods(); i >= 1; i--) {
            Instant start = end.minus(alarm.period().multipliedBy(i));
            Statistics stats = reader.statistics(alarm.seriesKey(), start, start.plus(alarm.period()));
            double value = stats.isEmpty() ? Double.NaN : alarm.statistic().of(stats);
            points.add(new Point(start, value));
        }
        return points;
    }

    private static String reason(
            long count,
            int n,
            List<Point> listed,
            String not,
            AlarmConfig alarm,
            int m,
            AlarmState from,
            AlarmState to) {
        // CloudWatch lists the datapoints most recent first.
        String values = listed.reversed().stream().map(Point::describe).collect(Collectors.joining(", ", "[", "]"));
        return "Threshold Crossed: " + count + " out of the last " + n + " datapoints " + values + " "
                + (count == 1 ? "was " : "were ") + not + alarm.comparison().words() + " the threshold ("
                + alarm.threshold() + ") (minimum " + m + (m == 1 ? " datapoint" : " datapoints") + " for " + from
                + " -> " + to + " transition).";
    }
}
