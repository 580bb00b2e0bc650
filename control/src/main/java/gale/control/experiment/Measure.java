package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a probe or a seed figure measures. Traffic measures come from the load (during the method: its seconds in the
 * window; before and after: a short sample of requests); state measures from the stack's admin API at one instant.
 *
 * @param kind what is measured
 * @param percentile for {@link Kind#LATENCY}: 0-100
 * @param subject the target group ({@link Kind#HEALTHY_TARGETS}), service ({@link Kind#RUNNING_TASKS}) or metric name
 *     ({@link Kind#METRIC}); empty for "all"
 * @param labels for {@link Kind#METRIC}: the labels a sample must have to count (the matching samples are added)
 */
public record Measure(Kind kind, double percentile, String subject, Map<String, String> labels) {

    public static final double DEFAULT_PERCENTILE = 95;

    public enum Kind {
        ERROR_RATE("error-rate", Unit.SHARE, true),
        LATENCY("latency", Unit.MILLIS, true),
        REQUESTS("requests", Unit.COUNT, true),
        FAILED("failed", Unit.COUNT, true),
        HEALTHY_TARGETS("healthy-targets", Unit.COUNT, false),
        RUNNING_TASKS("running-tasks", Unit.COUNT, false),
        METRIC("metric", Unit.NUMBER, false);

        private final String key;
        private final Unit unit;
        private final boolean traffic;

        Kind(String key, Unit unit, boolean traffic) {
            this.key = key;
            this.unit = unit;
            this.traffic = traffic;
        }

        public String key() {
            return key;
        }

        public Unit unit() {
            return unit;
        }

        /** Measured from requests (the load or a sample), not from the stack's state. */
        public boolean traffic() {
            return traffic;
        }
    }

    public Measure {
        requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: 0-100)");
        }
        if (kind == Kind.METRIC && subject.isEmpty()) {
            throw new IllegalArgumentException("metric: missing (expected: a metric name from /metrics)");
        }
    }

    public static Measure of(Kind kind) {
        return new Measure(kind, DEFAULT_PERCENTILE, "", Map.of());
    }

    /** Like {@code latency p95}, {@code healthy-targets web}, {@code metric gale_faults_active}. */
    public String describe() {
        String base = kind.key();
        if (kind == Kind.LATENCY) {
            base += " p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : percentile);
        }
        if (!subject.isEmpty()) {
            base += " " + subject;
        }
        if (!labels.isEmpty()) {
            base += " " + labels;
        }
        return base;
    }
}
