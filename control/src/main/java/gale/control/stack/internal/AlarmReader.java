package gale.control.stack.internal;

import gale.control.stack.MonitoringSpec;
import gale.control.stack.NotifierSpec;
import gale.control.stack.ServiceSpec;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import gale.monitor.alarm.TreatMissingData;
import gale.monitor.series.SeriesNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alarms:} and {@code notifiers:} entries onto the monitor's {@link AlarmConfig} and {@link NotifierSpec}.
 * Every name (statistic, comparison, missing data) is the monitor's; an absent key is passed as null, so the
 * monitor's default applies; each alarm is checked against the series Gale publishes.
 */
final class AlarmReader {

    private static final List<String> DESTINATIONS = List.of("discord", "slack", "webhook");

    private AlarmReader() {}

    static AlarmConfig alarm(
            String name,
            Section s,
            TargetGroupNames groups,
            Map<String, NotifierSpec> notifiers,
            Map<String, ServiceSpec> services,
            MonitoringSpec monitoring) {
        if (!s.has("metric")) {
            throw s.error("metric", "missing (expected: a metric name like http_5xx_count)");
        }
        String metric = s.string("metric", null);
        Map<String, String> dimensions = new LinkedHashMap<>();
        groups.readOptional(s, SeriesNames.TARGET_GROUP).ifPresent(g -> dimensions.put(SeriesNames.TARGET_GROUP, g));
        if (s.has(SeriesNames.SERVICE)) {
            String service = s.string(SeriesNames.SERVICE, null);
            if (!services.containsKey(service)) {
                throw s.error(SeriesNames.SERVICE, '"' + service + "\" (expected: one of " + services.keySet() + ")");
            }
            dimensions.put(SeriesNames.SERVICE, service);
        }
        String statisticName = s.string("statistic", null);
        Statistic statistic = statisticName == null ? null : s.build(() -> Statistic.parse(statisticName));
        Duration period = s.duration("period", null);
        Integer evaluationPeriods = s.integerOrNull("evaluationPeriods");
        Integer datapoints = s.integerOrNull("datapointsToAlarm");
        if (!s.has("threshold")) {
            throw s.error("threshold", "missing (expected: a number)");
        }
        double threshold = s.number("threshold", 0);
        String comparisonName = s.string("comparison", null);
        Comparison comparison = comparisonName == null ? null : s.build(() -> Comparison.parse(comparisonName));
        String missingName = s.string("treatMissingData", null);
        TreatMissingData missing = missingName == null ? null : s.build(() -> TreatMissingData.parse(missingName));
        List<String> notify = s.strings("notify");
        for (String notifier : notify) {
            if (!notifiers.containsKey(notifier)) {
                throw s.error(
                        "notify", '"' + notifier + "\" (expected: one of the notifiers " + notifiers.keySet() + ")");
            }
        }
        s.finish();
        AlarmConfig alarm = s.build(() -> new AlarmConfig(
                        name,
                        metric,
                        dimensions,
                        statistic,
                        period,
                        evaluationPeriods,
                        datapoints,
                        threshold,
                        comparison,
                        missing,
                        notify)
                .checkPublished());
        Duration window = alarm.period().multipliedBy(alarm.evaluationPeriods());
        String refusal = monitoring.lookBackRefusal(window);
        if (refusal != null) {
            throw s.error(
                    s.has("evaluationPeriods") ? "evaluationPeriods" : "period",
                    alarm.evaluationPeriods() + " periods of " + alarm.period().toSeconds() + " s look back "
                            + window.toSeconds() + " s " + refusal);
        }
        return alarm;
    }

    static NotifierSpec notifier(Section s) {
        NotifierSpec found = null;
        for (String key : DESTINATIONS) {
            if (s.has(key)) {
                found = one(
                        s,
                        key,
                        found,
                        new NotifierSpec(
                                NotifierSpec.Kind.valueOf(key.toUpperCase(java.util.Locale.ROOT)), url(s, key)));
            }
        }
        if (s.has("log")) {
            if (!s.bool("log", true)) {
                throw s.error("log", "false (expected: true, or no log key)");
            }
            found = one(s, "log", found, new NotifierSpec(NotifierSpec.Kind.LOG, null));
        }
        s.finish();
        if (found == null) {
            throw s.error("no destination (expected: one of discord, slack, webhook, log)");
        }
        return found;
    }

    private static NotifierSpec one(Section s, String key, NotifierSpec before, NotifierSpec now) {
        if (before != null) {
            throw s.error(key, "a second destination (expected: one of discord, slack, webhook, log per notifier)");
        }
        return now;
    }

    private static URI url(Section s, String key) {
        String text = s.string(key, "");
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw s.error(key, '"' + text + "\" (expected: an http:// or https:// URL)");
    }
}
