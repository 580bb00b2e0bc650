package gale.loadgen.threshold;

import gale.loadgen.plan.PlanException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses k6's threshold syntax, rejecting unknown metrics and aggregations a metric's type does not have. */
public final class Thresholds {

    private static final Pattern METRIC = Pattern.compile("\\s*([a-z_]+)\\s*(?:\\{([^}]*)})?\\s*");
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*(avg|min|max|med|count|rate|value|p\\(\\s*(\\d+(?:\\.\\d+)?)\\s*\\))\\s*(<=|>=|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

    private Thresholds() {}

    /** The CLI form: {@code 'http_req_duration{scenario:api}: p(95)<500'}. */
    public static Threshold parse(String text) {
        int colon = text == null ? -1 : metricColon(text);
        if (colon < 0) {
            throw new PlanException(
                    "threshold: '" + text + "' (expected: METRIC: EXPRESSION, e.g. 'http_req_duration: p(95)<500')");
        }
        return parse(text.substring(0, colon), text.substring(colon + 1), false, Duration.ZERO);
    }

    /** One threshold of a plan: the metric key (with an optional tag filter) and one expression. */
    public static Threshold parse(String metricKey, String expression, boolean abortOnFail, Duration delayAbortEval) {
        Matcher m = METRIC.matcher(metricKey);
        if (!m.matches()) {
            throw new PlanException(
                    "threshold: '" + metricKey + "' (expected: a metric name, optionally {tag:value,...})");
        }
        String metric = m.group(1);
        MetricKind kind = MetricKind.METRICS.get(metric);
        if (kind == null) {
            throw new PlanException("threshold: unknown metric '" + metric + "' (expected: one of "
                    + String.join(
                            ", ", MetricKind.METRICS.keySet().stream().sorted().toList()) + ")");
        }
        Map<String, String> tags = tags(metricKey, m.group(2));
        Matcher e = EXPRESSION.matcher(expression == null ? "" : expression);
        if (!e.matches()) {
            throw new PlanException("threshold " + metricKey.trim() + ": '" + expression
                    + "' (expected: AGGREGATION OP NUMBER, e.g. p(95)<500, rate<0.01, count>100)");
        }
        String aggregation = e.group(2) != null ? "p" : e.group(1);
        if (!kind.allows(aggregation)) {
            throw new PlanException("threshold " + metricKey.trim() + ": '" + e.group(1) + "' (expected for a "
                    + kind.name().toLowerCase() + " metric: " + kind.allowed() + ")");
        }
        double percentile = e.group(2) == null ? 0 : Double.parseDouble(e.group(2));
        if (aggregation.equals("p") && (percentile < 0 || percentile > 100)) {
            throw new PlanException(
                    "threshold " + metricKey.trim() + ": p(" + e.group(2) + ") (expected: p(0)-p(100))");
        }
        Threshold.Operator op = operator(e.group(3));
        String normalized = e.group(1).replace(" ", "") + e.group(3) + e.group(4);
        return new Threshold(
                metric,
                tags,
                normalized,
                aggregation,
                percentile,
                op,
                Double.parseDouble(e.group(4)),
                abortOnFail,
                delayAbortEval);
    }

    private static int metricColon(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> tags(String key, String filter) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (filter == null || filter.isBlank()) {
            return tags;
        }
        for (String pair : filter.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new PlanException("threshold: '" + key.trim() + "' (expected: tag filter {name:value,...})");
            }
            tags.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return tags;
    }

    private static Threshold.Operator operator(String symbol) {
        for (Threshold.Operator op : Threshold.Operator.values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalStateException(symbol);
    }
}
