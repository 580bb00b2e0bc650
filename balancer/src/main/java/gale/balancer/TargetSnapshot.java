package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A target as seen at one instant.
 *
 * @param reason ALB-style code of {@link TargetReason}, e.g. {@code Target.Timeout}
 * @param detail human words for the reason, e.g. {@code status 500 (expected: 200-399)}; empty when none
 * @param inFlight requests sent to the target whose response has not completed
 * @param slowStartLeft how long the target stays in slow start, taking less than a full share of requests; zero when
 *     it takes a full share
 * @param lastCheck when its last active health check finished (passed or failed), or null before the first
 */
public record TargetSnapshot(
        String id,
        InetSocketAddress address,
        TargetState state,
        String reason,
        String detail,
        int inFlight,
        Duration slowStartLeft,
        Instant lastCheck) {
    public TargetSnapshot {
        requireNonNull(id, "id");
        requireNonNull(address, "address");
        requireNonNull(state, "state");
        requireNonNull(reason, "reason");
        requireNonNull(detail, "detail");
        requireNonNull(slowStartLeft, "slowStartLeft");
    }
}
