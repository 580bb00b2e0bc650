package gale.control.monitoring;

import gale.control.events.EventLog;
import gale.control.stack.AlarmSpec;
import gale.control.stack.NotifierSpec;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.AlarmListener;
import gale.monitor.alarm.AlarmStateChange;
import gale.monitor.alarm.Alarms;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import gale.monitor.alarm.TreatMissingData;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.notify.NotifierConfig;
import gale.monitor.notify.NotifierKind;
import gale.monitor.series.SeriesNames;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the stack file's {@code alarms:} and {@code notifiers:} onto the monitor's configs, and turns each alarm state
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

    static List<AlarmConfig> alarms(Map<String, AlarmSpec> specs) {
        return specs.entrySet().stream()
                .map(e -> alarm(e.getKey(), e.getValue()))
                .toList();
    }

    static AlarmConfig alarm(String name, AlarmSpec spec) {
        Map<String, String> dimensions = new HashMap<>();
        spec.targetGroup().ifPresent(group -> dimensions.put(SeriesNames.TARGET_GROUP, group));
        spec.service().ifPresent(service -> dimensions.put(SeriesNames.SERVICE, service));
        return new AlarmConfig(
                name,
                spec.metric(),
                dimensions,
                statistic(name, spec.statistic()),
                spec.period(),
                spec.evaluationPeriods(),
                spec.datapointsToAlarm(),
                spec.threshold(),
                switch (spec.comparison()) {
                    case GREATER -> Comparison.GREATER;
                    case GREATER_OR_EQUAL -> Comparison.GREATER_OR_EQUAL;
                    case LESS -> Comparison.LESS;
                    case LESS_OR_EQUAL -> Comparison.LESS_OR_EQUAL;
                },
                switch (spec.treatMissingData()) {
                    case MISSING -> TreatMissingData.MISSING;
                    case NOT_BREACHING -> TreatMissingData.NOT_BREACHING;
                    case BREACHING -> TreatMissingData.BREACHING;
                    case IGNORE -> TreatMissingData.IGNORE;
                },
                spec.notifierNames());
    }

    private static Statistic statistic(String alarm, AlarmSpec.Statistic statistic) {
        return switch (statistic) {
            case SUM -> Statistic.SUM;
            case AVERAGE -> Statistic.AVERAGE;
            case MINIMUM -> Statistic.MINIMUM;
            case MAXIMUM -> Statistic.MAXIMUM;
            case SAMPLE_COUNT -> Statistic.SAMPLE_COUNT;
            case P95 -> Statistic.P95;
            case P99 ->
                throw new IllegalArgumentException(
                        "alarms." + alarm + ".statistic: p99 (expected: sum, average, minimum, maximum, sampleCount,"
                                + " p95; the series keep p95 only)");
        };
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
