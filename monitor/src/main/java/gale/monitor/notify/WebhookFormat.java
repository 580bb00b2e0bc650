package gale.monitor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.AlarmStateChange;

/** The generic webhook's JSON: the state change itself, with the alarm's definition. Documented in docs/alarms.md. */
final class WebhookFormat implements MessageFormat {
    private final ObjectMapper json;

    WebhookFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String body(AlarmStateChange change) {
        AlarmConfig alarm = change.alarm();
        ObjectNode root = json.createObjectNode();
        root.put("alarm", alarm.name());
        root.put("previousState", change.previous().name());
        root.put("state", change.state().name());
        root.put("reason", change.reason());
        root.put("at", change.at().toString());
        root.put("metric", alarm.metric());
        ObjectNode dimensions = root.putObject("dimensions");
        new java.util.TreeMap<>(alarm.dimensions()).forEach(dimensions::put);
        root.put("statistic", alarm.statistic().cloudWatchName());
        root.put("periodSeconds", alarm.period().toSeconds());
        root.put("evaluationPeriods", alarm.evaluationPeriods());
        root.put("datapointsToAlarm", alarm.datapointsToAlarm());
        root.put("threshold", alarm.threshold());
        root.put("comparison", alarm.comparison().cloudWatchName());
        root.put("treatMissingData", alarm.treatMissingData().id());
        return Json.write(json, root);
    }
}
