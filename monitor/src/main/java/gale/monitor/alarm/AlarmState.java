package gale.monitor.alarm;

/** CloudWatch's alarm states. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
