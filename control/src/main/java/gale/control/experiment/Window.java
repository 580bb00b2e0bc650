package gale.control.experiment;

import java.time.Duration;

/**
 * A span of the method, as offsets from its start: {@code from} inclusive, {@code to} exclusive, {@code to} null for
 * "until the end". Traffic probes during the method and the seed's figures are measured over one.
 */
public record Window(Duration from, Duration to) {

    public static final Window WHOLE = new Window(Duration.ZERO, null);

    public Window {
        if (from == null || from.isNegative()) {
            throw new IllegalArgumentException("window.from: " + from + " (expected: an offset of 0s or more)");
        }
        if (to != null && to.compareTo(from) <= 0) {
            throw new IllegalArgumentException("window.to: " + to + " (expected: after from, " + from + ")");
        }
    }

    /** Whether the instant {@code offsetMillis} into the method falls in the window. */
    public boolean contains(long offsetMillis) {
        return offsetMillis >= from.toMillis() && (to == null || offsetMillis < to.toMillis());
    }

    public boolean whole() {
        return from.isZero() && to == null;
    }

    public String describe() {
        return whole() ? "the whole method" : from.toSeconds() + "s.." + (to == null ? "end" : to.toSeconds() + "s");
    }
}
