package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A set of targets that requests are spread over.
 *
 * @param deregistrationDelay the longest a deregistration waits for in-flight requests
 * @param slowStart accepted for the stack file; not applied yet (targets get their full share once healthy)
 * @param staticTargets registered at start with the id {@code host:port}
 */
public record TargetGroupConfig(
        String name,
        Algorithm algorithm,
        HealthCheckConfig healthCheck,
        Duration deregistrationDelay,
        Duration slowStart,
        List<InetSocketAddress> staticTargets) {
    public TargetGroupConfig {
        Validate.notBlank(name, "name");
        requireNonNull(algorithm, "algorithm");
        requireNonNull(healthCheck, "healthCheck");
        Validate.notNegative(deregistrationDelay, "deregistrationDelay");
        Validate.notNegative(slowStart, "slowStart");
        staticTargets = List.copyOf(requireNonNull(staticTargets, "staticTargets"));
    }

    /** Round robin, default health check and delays, no static targets. */
    public static TargetGroupConfig of(String name) {
        return new TargetGroupConfig(
                name,
                Algorithm.ROUND_ROBIN,
                HealthCheckConfig.DEFAULTS,
                BalancerDefaults.DEREGISTRATION_DELAY,
                BalancerDefaults.SLOW_START,
                List.of());
    }

    /** The id a static target gets: {@code host:port}. */
    public static String staticTargetId(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
