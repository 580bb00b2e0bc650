package gale.loadgen.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * One stage of a ramping executor: move linearly from the previous target to {@code target} over {@code rampUp},
 * then hold it until {@code duration} (which includes the ramp-up) has passed. k6's {@code {duration, target}} is a
 * stage whose ramp-up is its whole duration; JMeter's {@code users, ramp-up, duration} row is the same record.
 */
public record Stage(Duration rampUp, Duration duration, long target) {

    public Stage {
        Objects.requireNonNull(rampUp, "rampUp");
        Objects.requireNonNull(duration, "duration");
        if (target < 0) {
            throw PlanException.field("target", target, ">= 0");
        }
        if (duration.isNegative()) {
            throw PlanException.field("duration", Durations.format(duration), ">= 0s");
        }
        if (rampUp.isNegative() || rampUp.compareTo(duration) > 0) {
            throw PlanException.field(
                    "rampUp",
                    Durations.format(rampUp),
                    "between 0s and the stage's duration " + Durations.format(duration));
        }
    }

    /** k6's form: ramp linearly over the whole duration. */
    public static Stage linear(Duration duration, long target) {
        return new Stage(duration, duration, target);
    }

    /** The value at {@code offsetNanos} into this stage, starting from {@code from}. */
    public double valueAt(double from, long offsetNanos) {
        long ramp = rampUp.toNanos();
        if (ramp == 0 || offsetNanos >= ramp) {
            return target;
        }
        return from + (target - from) * offsetNanos / (double) ramp;
    }
}
