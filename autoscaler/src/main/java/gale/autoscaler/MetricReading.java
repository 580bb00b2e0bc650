package gale.autoscaler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One source's value of a scaling metric, averaged over the policy's metric window: a task's CPU %, a target's
 * requests per second, or a target group's p95 latency (source = the target group, age = {@link #STEADY}).
 *
 * @param source what was measured (a task id, a target group)
 * @param value the reading, in the metric's unit
 * @param age how long the task has existed (a new task's start-up CPU is not counted)
 * @param ready whether the task has passed its health check at least once
 */
public record MetricReading(String source, double value, Duration age, boolean ready) {
    /** Age for readings that are not a task's (a target group's latency, pending demand). */
    public static final Duration STEADY = Duration.ofDays(365);

    public MetricReading {
        requireNonNull(source, "source");
        requireNonNull(age, "age");
        if (Double.isNaN(value) || value < 0) {
            throw new IllegalArgumentException("reading " + source + ": " + value + " (expected: >= 0)");
        }
    }

    /** A reading that is always counted. */
    public static MetricReading steady(String source, double value) {
        return new MetricReading(source, value, STEADY, true);
    }
}
