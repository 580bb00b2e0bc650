package gale.loadgen.journey;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A pause between steps, drawn from a distribution: {@code constant} (k6's {@code sleep(1)}), {@code uniform}
 * between {@code min} and {@code max} (JMeter's Uniform Random Timer), {@code normal} with {@code mean} and
 * {@code stddev}, cut at 0 (JMeter's Gaussian Random Timer), or {@code poisson}: exponential gaps with mean
 * {@code mean}, so pauses form a Poisson process (JMeter's Poisson Random Timer, Gatling's exponential pauses).
 */
public record ThinkTime(Distribution distribution, Duration a, Duration b) {

    public enum Distribution {
        CONSTANT,
        UNIFORM,
        NORMAL,
        POISSON
    }

    public ThinkTime {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(a, "a");
        b = Objects.requireNonNullElse(b, Duration.ZERO);
        if (a.isNegative() || b.isNegative()) {
            throw new IllegalArgumentException(a + ", " + b + " (expected: durations >= 0s)");
        }
        if (distribution == Distribution.UNIFORM && b.compareTo(a) < 0) {
            throw new IllegalArgumentException("max " + b + " below min " + a + " (expected: min <= max)");
        }
    }

    public static ThinkTime constant(Duration d) {
        return new ThinkTime(Distribution.CONSTANT, d, Duration.ZERO);
    }

    /** The next pause, in nanoseconds. */
    public long nextNanos(RandomGenerator random) {
        long x = a.toNanos();
        long y = b.toNanos();
        double nanos = switch (distribution) {
            case CONSTANT -> x;
            case UNIFORM -> x + random.nextDouble() * (y - x);
            case NORMAL -> Math.max(0, x + random.nextGaussian() * y);
            case POISSON -> -x * Math.log(1 - random.nextDouble());
        };
        return (long) nanos;
    }
}
