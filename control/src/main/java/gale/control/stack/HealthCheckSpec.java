package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An active health check, as an ALB's: {@code GET path} every {@code interval}; {@code healthyThreshold} successes in a
 * row make a target healthy, {@code unhealthyThreshold} failures unhealthy. {@code successCodes} is like ALB's matcher:
 * {@code 200}, {@code 200,204} or {@code 200-399}.
 */
public record HealthCheckSpec(
        String path,
        Duration interval,
        Duration timeout,
        int healthyThreshold,
        int unhealthyThreshold,
        String successCodes) {

    public static final HealthCheckSpec DEFAULTS =
            new HealthCheckSpec("/", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 2, "200-399");

    public HealthCheckSpec {
        requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: a path starting with /)");
        }
        if (!path.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "path: " + path + " (expected: printable ASCII without spaces; percent-encode the rest)");
        }
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout.toMillis() + "ms (expected: at most the interval, "
                    + interval.toMillis() + "ms)");
        }
        requireNonNull(successCodes, "successCodes");
    }
}
