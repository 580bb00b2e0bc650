package gale.control.deploy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An analysis of the new revision on the balancer's own measurements of it, as Argo Rollouts' AnalysisTemplate with a
 * success condition: every {@code interval}, the requests the new revision answered in that interval succeed when
 * their error rate is at most {@code maxErrorRate} and their {@code latencyPercentile} at most {@code maxLatency}.
 * The analysis passes after {@code count} measurements and fails when more than {@code failureLimit} of them fail. A
 * measurement of fewer than {@code minRequests} requests is inconclusive and taken again.
 */
public record AnalysisSpec(
        Duration interval,
        int count,
        int failureLimit,
        double maxErrorRate,
        double latencyPercentile,
        Duration maxLatency,
        int minRequests) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_COUNT = 3;
    public static final int DEFAULT_FAILURE_LIMIT = 0;
    /** Flagger's built-in request success rate check: 99%. */
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
    /** Flagger's built-in duration check: p99. */
    public static final double DEFAULT_LATENCY_PERCENTILE = 99;

    public static final Duration DEFAULT_MAX_LATENCY = Duration.ofMillis(500);
    public static final int DEFAULT_MIN_REQUESTS = 20;
    public static final AnalysisSpec DEFAULTS = new AnalysisSpec(
            DEFAULT_INTERVAL,
            DEFAULT_COUNT,
            DEFAULT_FAILURE_LIMIT,
            DEFAULT_MAX_ERROR_RATE,
            DEFAULT_LATENCY_PERCENTILE,
            DEFAULT_MAX_LATENCY,
            DEFAULT_MIN_REQUESTS);

    public AnalysisSpec {
        requireNonNull(interval, "interval");
        requireNonNull(maxLatency, "maxLatency");
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: >= 100ms)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (failureLimit < 0) {
            throw new IllegalArgumentException("failureLimit: " + failureLimit + " (expected: >= 0)");
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("maxErrorRate: " + maxErrorRate + " (expected: 0-1)");
        }
        if (!(latencyPercentile > 0 && latencyPercentile <= 100)) {
            throw new IllegalArgumentException("latencyPercentile: " + latencyPercentile + " (expected: 0-100, > 0)");
        }
        if (maxLatency.isNegative() || maxLatency.isZero()) {
            throw new IllegalArgumentException("maxLatency: " + maxLatency + " (expected: > 0)");
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("minRequests: " + minRequests + " (expected: >= 1)");
        }
    }

    public AnalysisSpec withInterval(Duration newInterval) {
        return new AnalysisSpec(
                newInterval, count, failureLimit, maxErrorRate, latencyPercentile, maxLatency, minRequests);
    }
}
