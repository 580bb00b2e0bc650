package gale.control.fault;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A fault to inject: its kind, what it acts on, how long, how, and the alarms that end it early.
 *
 * @param duration how long it lasts, then it is reverted; zero for {@code task-kill}, which is done once sent
 * @param stopOn alarms that end it early when they go to ALARM, as FIS's stop conditions; {@code *} is any alarm
 */
public record FaultSpec(
        FaultKind kind, Selection selection, Duration duration, FaultParameters parameters, List<String> stopOn) {

    public static final Duration MAX_DURATION = Duration.ofHours(12);
    public static final String ANY_ALARM = "*";

    public FaultSpec {
        requireNonNull(kind, "kind");
        requireNonNull(selection, "selection");
        requireNonNull(duration, "duration");
        requireNonNull(parameters, "parameters");
        stopOn = List.copyOf(stopOn);
        if (kind.lasts() && (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0)) {
            throw new IllegalArgumentException(
                    "duration: " + duration + " (expected: more than 0, at most 12h, for " + kind.label() + ")");
        }
        if (!kind.lasts() && !duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: none for " + kind.label()
                    + ", which is done once the signal is sent)");
        }
    }

    /** Whether an alarm's going to ALARM ends this fault. */
    public boolean stopsOn(String alarm) {
        return stopOn.contains(ANY_ALARM) || stopOn.contains(alarm);
    }
}
