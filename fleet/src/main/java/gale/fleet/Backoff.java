package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt {@code n} (1-based) waits {@code initial × multiplier^(n-1)}, capped at
 * {@code max}, then spread by ±{@code jitter} (a fraction) so that many restarts don't line up.
 *
 * @param initial the delay before the first retry
 * @param multiplier how much each further attempt multiplies the delay (>= 1)
 * @param max the longest delay
 * @param jitter the fraction of the delay to randomize, 0-1 (0.2 = ±20%)
 * @param random the source of jitter (inject a seeded one in tests)
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter, RandomGenerator random) {

    /** 1 s, doubling, up to 30 s, ±20%. */
    public static final Backoff DEFAULT =
            new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.2, RandomGenerator.getDefault());

    public Backoff {
        requireNonNull(initial, "initial");
        requireNonNull(max, "max");
        requireNonNull(random, "random");
        if (initial.isNegative()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: >= 0)");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0-1)");
        }
    }

    /** No jitter: the same delays every time. */
    public static Backoff exponential(Duration initial, double multiplier, Duration max) {
        return new Backoff(initial, multiplier, max, 0.0, RandomGenerator.getDefault());
    }

    /** The delay before attempt {@code attempt} (1 = the first retry); zero for attempt 0 or less. */
    public Duration delay(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        double base = initial.toNanos() * Math.pow(multiplier, attempt - 1);
        double capped = Math.min(base, max.toNanos());
        double spread = jitter == 0.0 ? 0.0 : capped * jitter * (2 * random.nextDouble() - 1);
        long nanos = (long) Math.min(Math.max(0.0, capped + spread), max.toNanos());
        return Duration.ofNanos(nanos);
    }
}
