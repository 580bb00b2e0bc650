package gale.monitor.notify;

import java.time.Duration;

/**
 * Exponential backoff: the n-th retry waits {@code initial × multiplier^(n-1)}, at most {@code max}; after
 * {@code maxAttempts} attempts (the first included) the work is given up.
 */
public record DeliveryRetry(Duration initial, Duration max, double multiplier, int maxAttempts) {
    /** 1 s, 2 s, 4 s, 8 s: five attempts over about 15 s, enough to ride out a webhook's short outage. */
    public static final DeliveryRetry DEFAULT =
            new DeliveryRetry(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 5);

    public DeliveryRetry {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff.initial: " + initial + " (expected: > 0)");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff.max: " + max + " (expected: >= initial " + initial + ")");
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("backoff.multiplier: " + multiplier + " (expected: >= 1)");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("backoff.maxAttempts: " + maxAttempts + " (expected: >= 1)");
        }
    }

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration delay(int retry) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
