package gale.loadgen.threshold;

import java.util.Map;
import java.util.Set;

/** k6's four metric types, which decide the aggregations a threshold may use on a metric. */
public enum MetricKind {
    TREND(Set.of("avg", "min", "max", "med", "p")),
    RATE(Set.of("rate")),
    COUNTER(Set.of("count", "rate")),
    GAUGE(Set.of("value", "min", "max"));

    /** Every metric the engine records, by k6's name. */
    public static final Map<String, MetricKind> METRICS = Map.ofEntries(
            Map.entry("http_req_blocked", TREND),
            Map.entry("http_req_connecting", TREND),
            Map.entry("http_req_sending", TREND),
            Map.entry("http_req_waiting", TREND),
            Map.entry("http_req_receiving", TREND),
            Map.entry("http_req_duration", TREND),
            Map.entry("iteration_duration", TREND),
            Map.entry("group_duration", TREND),
            Map.entry("http_req_failed", RATE),
            Map.entry("checks", RATE),
            Map.entry("http_reqs", COUNTER),
            Map.entry("iterations", COUNTER),
            Map.entry("dropped_iterations", COUNTER),
            Map.entry("data_sent", COUNTER),
            Map.entry("data_received", COUNTER),
            Map.entry("vus", GAUGE),
            Map.entry("vus_max", GAUGE));

    private final Set<String> aggregations;

    MetricKind(Set<String> aggregations) {
        this.aggregations = aggregations;
    }

    boolean allows(String aggregation) {
        return aggregations.contains(aggregation);
    }

    String allowed() {
        return String.join(
                ", ",
                aggregations.stream()
                        .sorted()
                        .map(a -> a.equals("p") ? "p(N)" : a)
                        .toList());
    }
}
