package gale.control.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.monitor.alarm.AlarmStatus;
import java.util.List;
import java.util.Map;

/**
 * One second of the dashboard, as the {@code snapshot} event of its stream (docs/api.md): the balancer's rows with
 * their traffic, services with their tasks, alarms, active operations, and the chart columns of the seconds since
 * the last snapshot.
 */
final class Snapshot {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Snapshot() {}

    static ObjectNode of(
            long epochMillis,
            DashboardLayout layout,
            ObjectNode status,
            Traffic traffic,
            List<AlarmStatus> alarms,
            List<Operation> operations,
            ObjectNode chart) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time", epochMillis);
        Map<String, Traffic.Row> byListener = traffic.byListener();
        ArrayNode listeners = root.putArray("listeners");
        for (DashboardLayout.Listener l : layout.listeners()) {
            ObjectNode node = listeners.addObject();
            node.put("name", l.host() + ":" + l.port());
            node.put("defaultTargetGroup", l.defaultTargetGroup());
            traffic(node, byListener.get(String.valueOf(l.port())));
        }
        Map<String, Traffic.Row> byGroup = traffic.byTargetGroup();
        ArrayNode groups = root.putArray("targetGroups");
        for (String name : layout.targetGroups()) {
            ObjectNode group = groups.addObject();
            group.put("name", name);
            traffic(group, byGroup.get(name));
            for (JsonNode q : status.path("queues")) {
                if (q.path("targetGroup").asText().equals(name)) {
                    group.set("queue", q);
                }
            }
            Map<String, Traffic.Row> byTarget = traffic.byTarget(name);
            ArrayNode targets = group.putArray("targets");
            for (JsonNode t : status.path("targets")) {
                if (t.path("targetGroup").asText().equals(name)) {
                    ObjectNode target = targets.addObject().setAll((ObjectNode) t);
                    traffic(target, byTarget.get(t.path("id").asText()));
                }
            }
        }
        ArrayNode services = root.putArray("services");
        for (JsonNode s : status.path("services")) {
            ObjectNode service = services.addObject().setAll((ObjectNode) s);
            ArrayNode tasks = service.putArray("tasks");
            for (JsonNode t : status.path("tasks")) {
                if (t.path("service").asText().equals(s.path("name").asText())) {
                    tasks.add(t);
                }
            }
        }
        ArrayNode alarmRows = root.putArray("alarms");
        for (AlarmStatus a : alarms) {
            ObjectNode node = alarmRows.addObject();
            node.put("name", a.alarm().name());
            node.put("state", a.state().name());
            node.put("reason", a.reason());
            node.put("since", a.since() == null ? null : a.since().toString());
        }
        ArrayNode ops = root.putArray("operations");
        for (Operation o : operations) {
            ObjectNode node = ops.addObject();
            node.put("kind", o.kind());
            node.put("id", o.id());
            node.put("title", o.title());
            node.put("state", o.state());
            putOrNull(node, "progress", o.progress());
            node.put("detail", o.detail());
            node.set("actions", JSON.valueToTree(o.actions()));
        }
        root.set("chart", chart);
        return root;
    }

    private static void traffic(ObjectNode node, Traffic.Row row) {
        Traffic.Row r = row == null ? new Traffic.Row(0, 0, 0, 0, Double.NaN, Double.NaN) : row;
        node.put("reqPerSec", Math.round(r.perSecond() * 10) / 10.0);
        node.put("status2xx", r.status2xx());
        node.put("status4xx", r.status4xx());
        node.put("status5xx", r.status5xx());
        putMs(node, "p50Ms", r.p50Ms());
        putMs(node, "p99Ms", r.p99Ms());
    }

    private static void putMs(ObjectNode node, String field, double ms) {
        putOrNull(node, field, Double.isNaN(ms) ? ms : Math.round(ms * 100) / 100.0);
    }

    /** JSON has no NaN: a value without data is null. */
    private static void putOrNull(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
