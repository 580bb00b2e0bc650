package gale.control.monitoring;

import gale.control.events.EventLog;
import gale.control.stack.NotifierSpec;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.AlarmListener;
import gale.monitor.alarm.AlarmStateChange;
import gale.monitor.alarm.Alarms;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.notify.NotifierConfig;
import gale.monitor.notify.NotifierKind;
import gale.monitor.series.SeriesNames;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the stack file's {@code notifiers:} onto the monitor's configs, and turns each alarm state
 * change into an {@code alarm.ok} / {@code alarm.alarm} / {@code alarm.insufficient_data} event and metrics.
 */
final class AlarmWiring implements AlarmListener {

    private final EventLog events;
    private final GaleMetrics metrics;

    AlarmWiring(EventLog events, GaleMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /** Adds every alarm to {@code alarms}, in INSUFFICIENT_DATA, and tells this wiring of its changes. */
    void register(Alarms alarms, List<AlarmConfig> configs) {
        for (AlarmConfig config : configs) {
            alarms.add(config);
            metrics.alarmAdded(config.name(), "INSUFFICIENT_DATA");
        }
        alarms.addListener(this);
    }

    @Override
    public void onStateChange(AlarmStateChange change) {
        metrics.alarmStateChanged(change.alarmName(), change.state().name());
        AlarmConfig alarm = change.alarm();
        String subject = alarm.dimensions().getOrDefault(SeriesNames.TARGET_GROUP, null);
        events.publish(
                "alarm." + change.state().name().toLowerCase(Locale.ROOT),
                change.alarmName(),
                alarm.dimensions().get(SeriesNames.SERVICE),
                change.previous() + " → " + change.state() + ": " + change.reason()
                        + (subject == null ? "" : " (target group " + subject + ")"));
    }

    static List<NotifierConfig> notifiers(Map<String, NotifierSpec> specs) {
        return specs.entrySet().stream()
                .map(e -> notifier(e.getKey(), e.getValue()))
                .toList();
    }

    static NotifierConfig notifier(String name, NotifierSpec spec) {
        NotifierKind kind = switch (spec.kind()) {
            case DISCORD -> NotifierKind.DISCORD;
            case SLACK -> NotifierKind.SLACK;
            case WEBHOOK -> NotifierKind.WEBHOOK;
            case LOG -> NotifierKind.LOG;
        };
        URI url = kind == NotifierKind.LOG ? null : spec.url();
        return new NotifierConfig(name, kind, url, null, null);
    }
}
