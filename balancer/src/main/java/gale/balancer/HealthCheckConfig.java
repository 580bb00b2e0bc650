package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Active HTTP health check: {@code GET path} every {@code interval}, each within {@code timeout}.
 *
 * @param healthyThreshold consecutive successes that make a target healthy
 * @param unhealthyThreshold consecutive failures that make it unhealthy
 * @param successCodes status codes that count as success: ranges and lists, e.g. {@code 200-399} or {@code 200,204}
 */
public record HealthCheckConfig(
        String path,
        Duration interval,
        Duration timeout,
        int healthyThreshold,
        int unhealthyThreshold,
        String successCodes) {

    public static final HealthCheckConfig DEFAULTS = new HealthCheckConfig(
            BalancerDefaults.HEALTH_CHECK_PATH,
            BalancerDefaults.HEALTH_CHECK_INTERVAL,
            BalancerDefaults.HEALTH_CHECK_TIMEOUT,
            BalancerDefaults.HEALTHY_THRESHOLD,
            BalancerDefaults.UNHEALTHY_THRESHOLD,
            BalancerDefaults.SUCCESS_CODES);

    /** The default timeout for checks every {@code interval}: the default one, or the interval when shorter. */
    public static Duration defaultTimeout(Duration interval) {
        return interval.compareTo(BalancerDefaults.HEALTH_CHECK_TIMEOUT) < 0
                ? interval
                : BalancerDefaults.HEALTH_CHECK_TIMEOUT;
    }

    public HealthCheckConfig {
        requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: starts with /)");
        }
        if (!path.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            // It goes into the request line as written: a space or line break would end it early.
            throw new IllegalArgumentException(
                    "path: '" + path + "' (expected: printable ASCII without spaces; percent-encode the rest)");
        }
        Validate.positive(interval, "interval");
        Validate.positive(timeout, "timeout");
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: <= interval " + interval + ")");
        }
        Validate.range(healthyThreshold, 1, 10, "healthyThreshold");
        Validate.range(unhealthyThreshold, 1, 10, "unhealthyThreshold");
        SuccessCodes.parse(successCodes);
    }

    /** The parsed {@link #successCodes}. */
    public SuccessCodes codes() {
        return SuccessCodes.parse(successCodes);
    }
}
