package gale.monitor.series;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every series the control plane publishes, with the dimensions it is published under and its kind. {@link StackSeries}
 * builds its keys from these, so this list is what is recorded, and alarms are checked against it when a stack is
 * loaded. Documented in docs/alarms.md.
 */
public enum Series {
    /** Requests answered, per target group. */
    HTTP_REQUEST_COUNT("http_request_count", Kind.COUNT, SeriesNames.TARGET_GROUP),
    /** Responses with a 2xx status, per target group. */
    HTTP_2XX_COUNT("http_2xx_count", Kind.COUNT, SeriesNames.TARGET_GROUP),
    /** Responses with a 4xx status, per target group. */
    HTTP_4XX_COUNT("http_4xx_count", Kind.COUNT, SeriesNames.TARGET_GROUP),
    /** Responses with a 5xx status (the target's or the balancer's own), per target group. */
    HTTP_5XX_COUNT("http_5xx_count", Kind.COUNT, SeriesNames.TARGET_GROUP),
    /** Each request's latency in milliseconds, per target group. */
    LATENCY_MS("latency_ms", Kind.DISTRIBUTION, SeriesNames.TARGET_GROUP),
    /** Requests answered by one target, per task. */
    TARGET_REQUEST_COUNT("target_request_count", Kind.COUNT, SeriesNames.TASK),
    /** Healthy targets, per target group. */
    HEALTHY_TARGETS("healthy_targets", Kind.GAUGE, SeriesNames.TARGET_GROUP),
    /** Unhealthy targets, per target group. */
    UNHEALTHY_TARGETS("unhealthy_targets", Kind.GAUGE, SeriesNames.TARGET_GROUP),
    /** CPU in percent of the task's limit, per task, and per service (one sample per task: average = mean task). */
    CPU_PERCENT("cpu_percent", Kind.GAUGE, SeriesNames.SERVICE, SeriesNames.TASK),
    /** Resident memory in bytes, per task, and per service (one sample per task: average = mean task). */
    MEMORY_BYTES("memory_bytes", Kind.GAUGE, SeriesNames.SERVICE, SeriesNames.TASK),
    /** Running tasks, per service. */
    RUNNING_TASKS("running_tasks", Kind.GAUGE, SeriesNames.SERVICE),
    /** Desired tasks, per service. */
    DESIRED_TASKS("desired_tasks", Kind.GAUGE, SeriesNames.SERVICE),
    /** Tasks replaced after failing, per service. */
    TASK_RESTART_COUNT("task_restart_count", Kind.COUNT, SeriesNames.SERVICE);

    /**
     * How values are recorded: a count once per event (value 1, so {@code Sum} over a period is the count), a gauge
     * once per second ({@code Average} is the mean), a distribution once per event with its value (percentiles).
     */
    public enum Kind {
        COUNT,
        GAUGE,
        DISTRIBUTION
    }

    private final String metric;
    private final Kind kind;
    private final List<String> dimensions;

    Series(String metric, Kind kind, String... dimensions) {
        this.metric = metric;
        this.kind = kind;
        this.dimensions = List.of(dimensions);
    }

    public String metric() {
        return metric;
    }

    public Kind kind() {
        return kind;
    }

    /** The dimensions it is published under, each alone. */
    public List<String> dimensions() {
        return dimensions;
    }

    /** Whether percentiles of it mean anything: only a distribution records one value per event. */
    public boolean hasDistribution() {
        return kind == Kind.DISTRIBUTION;
    }

    /** The key of this series for one value of {@code dimension}, which must be one it is published under. */
    public SeriesKey key(String dimension, String value) {
        if (!dimensions.contains(dimension)) {
            throw new IllegalArgumentException(
                    "dimension: " + dimension + " (expected: one of " + dimensions + " for " + metric + ")");
        }
        return SeriesKey.of(metric, dimension, value);
    }

    /** The metrics that keep a distribution (percentiles). */
    public static List<String> distributions() {
        return Arrays.stream(values())
                .filter(Series::hasDistribution)
                .map(Series::metric)
                .toList();
    }

    /** The published metric names, in this order. */
    public static List<String> metrics() {
        return Arrays.stream(values()).map(Series::metric).toList();
    }

    /**
     * The series named {@code metric}, checked to be published under the one dimension given. Messages follow
     * {@code name: value (expected: ...)}, naming the field the user wrote.
     */
    public static Series published(String metric, Map<String, String> dimensions) {
        Series series = Arrays.stream(values())
                .filter(s -> s.metric.equals(metric))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "metric: " + metric + " (expected: one of the series Gale publishes, " + metrics() + ")"));
        if (dimensions.size() != 1 || !series.dimensions.containsAll(dimensions.keySet())) {
            String expected =
                    " (expected: " + metric + " is published per " + String.join(" or per ", series.dimensions) + ")";
            if (dimensions.size() == 1) {
                Map.Entry<String, String> only =
                        dimensions.entrySet().iterator().next();
                throw new IllegalArgumentException(only.getKey() + ": " + only.getValue() + expected);
            }
            throw new IllegalArgumentException(
                    "dimensions: " + (dimensions.isEmpty() ? "none" : dimensions.keySet()) + expected);
        }
        return series;
    }
}
