package gale.monitor.series;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A series' identity, as CloudWatch names one: a metric and its dimensions, e.g. {@code http_5xx_count} with
 * {@code targetGroup=web}. See {@link SeriesNames} for the metrics the control plane records.
 */
public record SeriesKey(String metric, Map<String, String> dimensions) {

    public SeriesKey {
        requireNonNull(metric, "metric");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric: '' (expected: a name)");
        }
        dimensions = Map.copyOf(requireNonNull(dimensions, "dimensions"));
    }

    public static SeriesKey of(String metric) {
        return new SeriesKey(metric, Map.of());
    }

    public static SeriesKey of(String metric, String dimension, String value) {
        return new SeriesKey(metric, Map.of(dimension, value));
    }

    /** {@code http_5xx_count{targetGroup=web}}, dimensions sorted. */
    @Override
    public String toString() {
        if (dimensions.isEmpty()) {
            return metric;
        }
        return new TreeMap<>(dimensions)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",", metric + "{", "}"));
    }
}
