package gale.monitor.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code gale export grafana}: a dashboard JSON to import into Grafana (Dashboards → Import), with a Prometheus
 * data source picked at import through the {@code datasource} variable. Every query uses Gale's documented metrics.
 */
public final class GrafanaDashboard {
    public static final String FILE = "gale-dashboard.json";
    public static final String UID = "gale-stack";

    /** One query of a panel. */
    record Query(String expr, String legend) {}

    /** One panel: a title, its kind, its unit and queries. */
    record Panel(String title, String type, String unit, List<Query> queries) {}

    /** The panels, in reading order: traffic, errors, latency, then targets, tasks, CPU, scaling, alarms. */
    static final List<Panel> PANELS = List.of(
            new Panel(
                    "Requests per second",
                    "timeseries",
                    "reqps",
                    List.of(new Query(
                            "sum by (target_group) (rate(gale_balancer_requests_total[1m]))", "{{target_group}}"))),
            new Panel(
                    "Errors",
                    "timeseries",
                    "reqps",
                    List.of(
                            new Query(
                                    "sum by (target_group, code_class) (rate(gale_balancer_requests_total{code_class=~\"4xx|5xx\"}[1m]))",
                                    "{{target_group}} {{code_class}}"),
                            new Query(
                                    "sum by (reason) (rate(gale_balancer_rejections_total[1m]))",
                                    "rejected: {{reason}}"))),
            new Panel("Latency percentiles", "timeseries", "s", List.of(latency(0.5), latency(0.95), latency(0.99))),
            new Panel(
                    "Targets by health",
                    "timeseries",
                    "short",
                    List.of(new Query(
                            "sum by (target_group, state) (gale_balancer_target_state == 1)",
                            "{{target_group}} {{state}}"))),
            new Panel(
                    "Tasks by state",
                    "timeseries",
                    "short",
                    List.of(new Query("sum by (service, state) (gale_fleet_tasks)", "{{service}} {{state}}"))),
            new Panel(
                    "CPU per task",
                    "timeseries",
                    "percentunit",
                    List.of(new Query("gale_task_cpu_usage_ratio", "{{task}}"))),
            new Panel(
                    "Memory per task", "timeseries", "bytes", List.of(new Query("gale_task_memory_bytes", "{{task}}"))),
            new Panel(
                    "Desired vs running tasks",
                    "timeseries",
                    "short",
                    List.of(
                            new Query("gale_fleet_desired_tasks", "{{service}} desired"),
                            new Query("gale_autoscaler_desired_tasks", "{{service}} autoscaler"),
                            new Query("gale_fleet_tasks{state=\"RUNNING\"}", "{{service}} running"))),
            new Panel(
                    "Scaling decisions",
                    "timeseries",
                    "short",
                    List.of(new Query(
                            "sum by (service, direction) (increase(gale_autoscaler_decisions_total{direction!=\"none\"}[1m]))",
                            "{{service}} {{direction}}"))),
            new Panel(
                    "Retries and fail-open",
                    "timeseries",
                    "short",
                    List.of(
                            new Query(
                                    "sum by (target_group, cause) (rate(gale_balancer_retries_total[1m]))",
                                    "retry {{cause}}"),
                            new Query("gale_balancer_fail_open", "fail-open {{target_group}}"))),
            new Panel(
                    "Alarms in ALARM",
                    "stat",
                    "short",
                    List.of(new Query("gale_alarm_state{state=\"ALARM\"}", "{{alarm}}"))),
            new Panel(
                    "Alarm transitions",
                    "timeseries",
                    "short",
                    List.of(new Query(
                            "sum by (alarm, state) (increase(gale_alarm_transitions_total[5m]))",
                            "{{alarm}} → {{state}}"))));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GrafanaDashboard() {}

    private static Query latency(double quantile) {
        return new Query(
                "histogram_quantile(" + quantile
                        + ", sum by (le, target_group) (rate(gale_balancer_request_duration_seconds_bucket[1m])))",
                "{{target_group}} p" + Math.round(quantile * 100));
    }

    public static String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("uid", UID);
        root.put("title", "Gale stack");
        root.putArray("tags").add("gale");
        root.put("timezone", "browser");
        root.put("editable", true);
        root.put("schemaVersion", 39);
        root.put("version", 1);
        root.put("refresh", "5s");
        root.putObject("time").put("from", "now-15m").put("to", "now");
        ObjectNode datasource = root.putObject("templating").putArray("list").addObject();
        datasource.put("name", "datasource");
        datasource.put("label", "Prometheus");
        datasource.put("type", "datasource");
        datasource.put("query", "prometheus");
        datasource.put("hide", 0);
        ArrayNode panels = root.putArray("panels");
        for (int i = 0; i < PANELS.size(); i++) {
            panel(panels.addObject(), i, PANELS.get(i));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void panel(ObjectNode node, int index, Panel panel) {
        node.put("id", index + 1);
        node.put("type", panel.type());
        node.put("title", panel.title());
        // Two panels per row, 12 columns wide and 8 rows high each.
        node.putObject("gridPos")
                .put("h", 8)
                .put("w", 12)
                .put("x", (index % 2) * 12)
                .put("y", (index / 2) * 8);
        node.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
        node.putObject("fieldConfig").putObject("defaults").put("unit", panel.unit());
        ArrayNode targets = node.putArray("targets");
        for (int q = 0; q < panel.queries().size(); q++) {
            Query query = panel.queries().get(q);
            ObjectNode target = targets.addObject();
            target.put("refId", String.valueOf((char) ('A' + q)));
            target.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
            target.put("expr", query.expr());
            target.put("legendFormat", query.legend());
        }
    }
}
