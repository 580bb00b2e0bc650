package gale.balancer;

import java.time.Duration;

/** Checks shared by the config records; messages read {@code name: value (expected: ...)}. */
final class Validate {
    private Validate() {}

    static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static Duration notNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    static int range(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + "-" + max + ")");
        }
        return value;
    }

    static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    name + ": " + (value == null ? "null" : "'" + value + "'") + " (expected: a non-empty string)");
        }
        return value;
    }
}
