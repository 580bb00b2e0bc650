package gale.autoscaler;

import java.util.Locale;

/** A metric that target tracking or step scaling follows, with the unit its readings carry. */
public enum ScalingMetric {
    /** Average CPU per ready task, in percent of the task's CPU limit. */
    CPU("cpu", "%"),
    /** Requests per second per ready target. */
    REQUESTS_PER_TARGET("requestsPerTarget", " req/s"),
    /** 95th percentile latency of the service's target group, in milliseconds. */
    LATENCY_P95("p95Latency", " ms");

    private final String id;
    private final String unit;

    ScalingMetric(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    /** The name used in the stack file and in reasons. */
    public String id() {
        return id;
    }

    String format(double value) {
        return Numbers.format(value) + unit;
    }

    /**
     * Parses a stack-file name: {@code cpu}, {@code requestsPerTarget} (or {@code requests}), {@code p95Latency}
     * (or {@code latency}, {@code p95}); case and separators are ignored.
     */
    public static ScalingMetric parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (n) {
            case "cpu", "cpupercent", "cpuutilization" -> CPU;
            case "requestspertarget", "requests", "requestcountpertarget", "rps" -> REQUESTS_PER_TARGET;
            case "p95latency", "p95latencyms", "latency", "latencyp95", "p95" -> LATENCY_P95;
            default ->
                throw new IllegalArgumentException(
                        "metric: " + name + " (expected: cpu, requestsPerTarget, p95Latency)");
        };
    }
}
