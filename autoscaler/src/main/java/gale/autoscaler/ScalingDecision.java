package gale.autoscaler;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The outcome of one evaluation: the count before and after, and why, e.g.
 * {@code cpu 92% > target 50%: 1 → 2 tasks (ceil(1 × 92 / 50))}.
 *
 * @param metricValue the value the policy acted on, NaN when there was none
 */
public record ScalingDecision(
        String service, Instant at, int current, int desired, Direction direction, double metricValue, String reason) {

    /** Which way the count moves. */
    public enum Direction {
        OUT,
        IN,
        NONE;

        /** Lower-case label for metrics ({@code out}, {@code in}, {@code none}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ScalingDecision {
        requireNonNull(service, "service");
        requireNonNull(at, "at");
        requireNonNull(direction, "direction");
        requireNonNull(reason, "reason");
    }

    /** Whether this decision changes the count. */
    public boolean changed() {
        return direction != Direction.NONE;
    }
}
