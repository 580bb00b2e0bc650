package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A set of targets that requests are spread over.
 *
 * @param deregistrationDelay the longest a deregistration waits for in-flight requests
 * @param slowStart how long a target that turns healthy beside targets already serving ramps up, its share of requests
 *     growing linearly from a tenth of a full share (ALB's slow start); zero: a full share at once
 * @param staticTargets registered at start with the id {@code host:port}
 * @param holdWhenEmpty how long a request waits for a first healthy target while the group has none that has been
 *     judged (scale to zero: no target, or only targets in their first checks); zero answers 503 at once
 * @param maxHeldRequests requests held at once in the group; the next one is answered 503 {@code no-target} at once
 * @param connectionLimit requests in flight per target, and the queue in front of targets at that limit
 */
public record TargetGroupConfig(
        String name,
        Algorithm algorithm,
        HealthCheckConfig healthCheck,
        Duration deregistrationDelay,
        Duration slowStart,
        List<InetSocketAddress> staticTargets,
        Duration holdWhenEmpty,
        int maxHeldRequests,
        ConnectionLimit connectionLimit) {
    public TargetGroupConfig {
        Validate.notBlank(name, "name");
        requireNonNull(algorithm, "algorithm");
        requireNonNull(healthCheck, "healthCheck");
        Validate.notNegative(deregistrationDelay, "deregistrationDelay");
        Validate.notNegative(slowStart, "slowStart");
        staticTargets = List.copyOf(requireNonNull(staticTargets, "staticTargets"));
        Validate.notNegative(holdWhenEmpty, "holdWhenEmpty");
        if (maxHeldRequests < 1) {
            throw new IllegalArgumentException("maxHeldRequests: " + maxHeldRequests + " (expected: at least 1)");
        }
        requireNonNull(connectionLimit, "connectionLimit");
    }

    /** No limit per target. */
    public TargetGroupConfig(
            String name,
            Algorithm algorithm,
            HealthCheckConfig healthCheck,
            Duration deregistrationDelay,
            Duration slowStart,
            List<InetSocketAddress> staticTargets,
            Duration holdWhenEmpty,
            int maxHeldRequests) {
        this(
                name,
                algorithm,
                healthCheck,
                deregistrationDelay,
                slowStart,
                staticTargets,
                holdWhenEmpty,
                maxHeldRequests,
                ConnectionLimit.UNLIMITED);
    }

    /** No hold: a request that finds no target is answered 503 at once. */
    public TargetGroupConfig(
            String name,
            Algorithm algorithm,
            HealthCheckConfig healthCheck,
            Duration deregistrationDelay,
            Duration slowStart,
            List<InetSocketAddress> staticTargets) {
        this(
                name,
                algorithm,
                healthCheck,
                deregistrationDelay,
                slowStart,
                staticTargets,
                Duration.ZERO,
                BalancerDefaults.MAX_HELD_REQUESTS);
    }

    /** This group, holding requests up to {@code hold} while it has no target (zero: no hold). */
    public TargetGroupConfig withHoldWhenEmpty(Duration hold) {
        return new TargetGroupConfig(
                name,
                algorithm,
                healthCheck,
                deregistrationDelay,
                slowStart,
                staticTargets,
                hold,
                maxHeldRequests,
                connectionLimit);
    }

    /** This group with another cap on held requests. */
    public TargetGroupConfig withMaxHeldRequests(int max) {
        return new TargetGroupConfig(
                name,
                algorithm,
                healthCheck,
                deregistrationDelay,
                slowStart,
                staticTargets,
                holdWhenEmpty,
                max,
                connectionLimit);
    }

    /** This group with a limit of requests in flight per target, and a queue in front of them. */
    public TargetGroupConfig withConnectionLimit(ConnectionLimit limit) {
        return new TargetGroupConfig(
                name,
                algorithm,
                healthCheck,
                deregistrationDelay,
                slowStart,
                staticTargets,
                holdWhenEmpty,
                maxHeldRequests,
                limit);
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
