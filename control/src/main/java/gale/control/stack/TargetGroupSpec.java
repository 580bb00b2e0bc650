package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A target group: how requests are spread over its targets and how their health is checked. Targets come from the
 * services that name this group, or are listed statically as {@code host:port}.
 */
public record TargetGroupSpec(
        Algorithm algorithm,
        HealthCheckSpec healthCheck,
        Duration deregistrationDelay,
        Duration slowStart,
        List<HostPort> targets) {

    public static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(10);

    public enum Algorithm {
        ROUND_ROBIN,
        LEAST_OUTSTANDING_REQUESTS
    }

    public static final TargetGroupSpec DEFAULTS = new TargetGroupSpec(
            Algorithm.ROUND_ROBIN, HealthCheckSpec.DEFAULTS, DEFAULT_DEREGISTRATION_DELAY, Duration.ZERO, List.of());

    public TargetGroupSpec {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(healthCheck, "healthCheck");
        requireNonNull(deregistrationDelay, "deregistrationDelay");
        requireNonNull(slowStart, "slowStart");
        targets = List.copyOf(targets);
    }

    /** A static target's address. */
    public record HostPort(String host, int port) {
        public HostPort {
            requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
