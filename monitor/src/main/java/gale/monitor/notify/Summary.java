package gale.monitor.notify;

import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.AlarmState;
import gale.monitor.alarm.AlarmStateChange;

/** The words every format shares. */
final class Summary {
    private Summary() {}

    static String title(AlarmStateChange change) {
        return icon(change.state()) + " " + change.state() + ": " + change.alarmName();
    }

    /** One line: {@code 🔴 ALARM: web-5xx (OK → ALARM) Threshold Crossed: ...}. */
    static String line(AlarmStateChange change) {
        return title(change) + " (" + change.previous() + " → " + change.state() + ") " + change.reason();
    }

    /** {@code sum(http_5xx_count{targetGroup=web}) over 5 s > 0.0}. */
    static String condition(AlarmConfig alarm) {
        return alarm.statistic().cloudWatchName() + "(" + alarm.seriesKey() + ") over "
                + alarm.period().toSeconds()
                + " s " + alarm.comparison().symbol() + " " + alarm.threshold() + ", " + alarm.datapointsToAlarm()
                + " of " + alarm.evaluationPeriods() + " periods";
    }

    static String icon(AlarmState state) {
        return switch (state) {
            case ALARM -> "🔴";
            case OK -> "🟢";
            case INSUFFICIENT_DATA -> "⚪";
        };
    }
}
