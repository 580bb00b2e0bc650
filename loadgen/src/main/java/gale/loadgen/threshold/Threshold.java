package gale.loadgen.threshold;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One k6 threshold: {@code metric{tag:value}: aggregation op value}, e.g. {@code http_req_duration: p(95)<500}.
 * Trend values are in milliseconds, as in k6. {@code abortOnFail} stops the test as soon as it fails, once
 * {@code delayAbortEval} has passed.
 *
 * @param percentile the N of {@code p(N)}, only for aggregation {@code p}
 */
public record Threshold(
        String metric,
        Map<String, String> tags,
        String expression,
        String aggregation,
        double percentile,
        Operator operator,
        double value,
        boolean abortOnFail,
        Duration delayAbortEval) {

    public Threshold {
        Objects.requireNonNull(metric, "metric");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(expression, "expression");
        delayAbortEval = Objects.requireNonNullElse(delayAbortEval, Duration.ZERO);
    }

    /** The metric as written, with its tag filter in a stable order: {@code http_req_duration{scenario:api}}. */
    public String metricKey() {
        if (tags.isEmpty()) {
            return metric;
        }
        StringBuilder s = new StringBuilder(metric).append('{');
        new TreeMap<>(tags)
                .forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '{' ? "" : ",")
                        .append(k)
                        .append(':')
                        .append(v));
        return s.append('}').toString();
    }

    public boolean passes(double observed) {
        return operator.test(observed, value);
    }

    /** The comparison operators k6 accepts. */
    public enum Operator {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        EQ("=="),
        NE("!=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a == b;
                case NE -> a != b;
            };
        }
    }
}
