package gale.balancer.internal.group;

import java.time.Duration;

/**
 * A target's ramp after it turned healthy beside targets that already serve (ALB's slow start): its share of requests
 * grows linearly over the window, from {@link #FLOOR} of a full share, so that a cold target gets a little traffic at
 * once to warm its caches and JIT on, and all of it only once the window ends.
 *
 * @param beganNanos {@link System#nanoTime()} when the target turned healthy
 */
record SlowStart(long beganNanos, long windowNanos) {
    /** Envoy's default minimum weight in its slow start, for the same reason. */
    static final double FLOOR = 0.1;

    /** The fraction of a full share the target takes at {@code nowNanos}: {@link #FLOOR} to 1. */
    double weight(long nowNanos) {
        double elapsed = (double) (nowNanos - beganNanos) / windowNanos;
        return elapsed >= 1 ? 1 : Math.max(FLOOR, elapsed);
    }

    Duration left(long nowNanos) {
        return Duration.ofNanos(Math.max(0, beganNanos + windowNanos - nowNanos));
    }
}
