package gale.monitor.alarm;

/** Told each alarm state change, on the evaluating thread: keep it quick (notifiers queue their work). */
@FunctionalInterface
public interface AlarmListener {
    void onStateChange(AlarmStateChange change);
}
