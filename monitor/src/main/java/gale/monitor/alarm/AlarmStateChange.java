package gale.monitor.alarm;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An alarm moved from one state to another, with CloudWatch's kind of reason, e.g. {@code Threshold Crossed: 1 out
 * of the last 1 datapoints [3.0 (23/11/26 02:30:00)] was greater than the threshold (0.0) (minimum 1 datapoint for
 * OK -> ALARM transition).}
 */
public record AlarmStateChange(AlarmConfig alarm, AlarmState previous, AlarmState state, String reason, Instant at) {

    public AlarmStateChange {
        requireNonNull(alarm, "alarm");
        requireNonNull(previous, "previous");
        requireNonNull(state, "state");
        requireNonNull(reason, "reason");
        requireNonNull(at, "at");
    }

    public String alarmName() {
        return alarm.name();
    }
}
