package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import gale.monitor.alarm.TreatMissingData;
import gale.monitor.series.SeriesNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alarms as one PrometheusRule (Prometheus Operator). Gale's series are read, in a cluster, from ingress-nginx
 * (requests, status classes, latency), kube-state-metrics (targets, running tasks, restarts) and the kubelet's
 * cAdvisor (CPU, memory). N of N datapoints becomes {@code for: (N-1) × period}.
 */
final class AlertRules {

    /** The label every exported alert carries, which the AlertmanagerConfig routes on. */
    static final String ALARM_LABEL = "gale_alarm";

    private AlertRules() {}

    static Optional<Map<String, Object>> prometheusRule(
            Map<String, AlarmConfig> alarms, KubernetesOptions options, List<String> notes) {
        List<Object> rules = new ArrayList<>();
        alarms.forEach((name, alarm) -> expression(alarm, options.namespace(), name, notes)
                .ifPresent(expr -> {
                    Duration period = alarm.period();
                    int consecutive = alarm.datapointsToAlarm();
                    if (consecutive < alarm.evaluationPeriods()) {
                        notes.add("alarm " + name + ": " + consecutive + " of " + alarm.evaluationPeriods()
                                + " datapoints has" + " no PromQL form; written as " + consecutive + " in a row");
                    }
                    if (alarm.treatMissingData() == TreatMissingData.BREACHING) {
                        notes.add("alarm " + name
                                + ": treatMissingData breaching not mapped: a Prometheus alert without data"
                                + " does not fire");
                    }
                    long forSeconds = period.toSeconds() * (consecutive - 1);
                    rules.add(map(
                            "alert", alertName(name),
                            "expr", expr + " " + operator(alarm.comparison()) + " " + number(alarm.threshold()),
                            "for", forSeconds > 0 ? forSeconds + "s" : null,
                            "labels", Tree.labels(ALARM_LABEL, name, "severity", "warning"),
                            "annotations",
                                    Tree.labels(
                                            "summary",
                                            "Gale alarm " + name + ": " + alarm.metric() + " "
                                                    + operator(alarm.comparison()) + " " + number(alarm.threshold()))));
                }));
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        notes.add("the Prometheus Operator picks rules by its ruleSelector: add the labels your Prometheus selects");
        return Optional.of(Tree.object(
                "monitoring.coreos.com/v1",
                "PrometheusRule",
                "gale-alarms",
                options.namespace(),
                Tree.labels(Workloads.PART_OF, "gale"),
                "spec",
                map("groups", list(map("name", "gale-alarms", "rules", rules)))));
    }

    /** CamelCase, as alert names are written: web-5xx becomes GaleWeb5xx. */
    static String alertName(String alarm) {
        StringBuilder out = new StringBuilder("Gale");
        for (String part : alarm.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static Optional<String> expression(AlarmConfig a, String namespace, String name, List<String> notes) {
        String range = "[" + a.period().toSeconds() + "s]";
        String group = Optional.ofNullable(a.dimensions().get(SeriesNames.TARGET_GROUP))
                .map(KubernetesOptions::objectName)
                .orElse("");
        String service = Optional.ofNullable(a.dimensions().get(SeriesNames.SERVICE))
                .map(KubernetesOptions::objectName)
                .orElse("");
        String ingress = "{exported_namespace=\"" + namespace + "\",exported_service=\"" + group + "\"";
        String byContainer = "{namespace=\"" + namespace + "\",container=\"" + service + "\"";
        Statistic s = a.statistic();
        Optional<String> expr = switch (a.metric()) {
            case "http_request_count" -> count(s, "nginx_ingress_controller_requests" + ingress + "}", range);
            case "http_2xx_count", "http_4xx_count", "http_5xx_count" ->
                count(
                        s,
                        "nginx_ingress_controller_requests" + ingress + ",status=~\""
                                + a.metric().charAt(5) + "..\"}",
                        range);
            case "latency_ms" -> latency(s, ingress + "}", range);
            case "healthy_targets", "unhealthy_targets" ->
                gauge(
                        s,
                        "sum(kube_endpoint_address{namespace=\"" + namespace + "\",endpoint=\"" + group + "\",ready=\""
                                + a.metric().startsWith("healthy") + "\"})",
                        range);
            case "cpu_percent" ->
                gauge(
                        s,
                        "100 * avg(rate(container_cpu_usage_seconds_total" + byContainer + "}[1m])) / avg("
                                + "kube_pod_container_resource_limits" + byContainer + ",resource=\"cpu\"})",
                        range);
            case "memory_bytes" -> gauge(s, "avg(container_memory_working_set_bytes" + byContainer + "})", range);
            case "running_tasks" ->
                gauge(
                        s,
                        "kube_deployment_status_replicas_available{namespace=\"" + namespace + "\",deployment=\""
                                + service + "\"}",
                        range);
            case "task_restart_count" ->
                count(s, "kube_pod_container_status_restarts_total" + byContainer + "}", range);
            default -> Optional.empty();
        };
        if (expr.isEmpty()) {
            notes.add("alarm " + name + " not exported: " + a.metric() + " with statistic "
                    + s.cloudWatchName() + " has no Kubernetes series"
                    + (a.metric().equals("target_request_count") ? " (pods have no stable identity)" : ""));
        }
        return expr;
    }

    private static Optional<String> count(Statistic s, String series, String range) {
        return switch (s.kind()) {
            case SUM, SAMPLE_COUNT -> Optional.of("sum(increase(" + series + range + "))");
            case AVERAGE -> Optional.of("sum(rate(" + series + range + "))");
            default -> Optional.empty();
        };
    }

    private static Optional<String> gauge(Statistic s, String series, String range) {
        String fn = switch (s.kind()) {
            case AVERAGE -> "avg_over_time";
            case MAXIMUM -> "max_over_time";
            case MINIMUM -> "min_over_time";
            default -> null;
        };
        return fn == null ? Optional.empty() : Optional.of(fn + "((" + series + ")" + range.replace("]", ":]") + ")");
    }

    private static Optional<String> latency(Statistic s, String selector, String range) {
        String buckets =
                "sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket" + selector + range + "))";
        return switch (s.kind()) {
            case PERCENTILE ->
                Optional.of("1000 * histogram_quantile(" + number(s.percentile() / 100) + ", " + buckets + ")");
            case AVERAGE ->
                Optional.of("1000 * sum(rate(nginx_ingress_controller_request_duration_seconds_sum"
                        + selector + range + ")) / sum(rate(nginx_ingress_controller_request_duration_seconds_count"
                        + selector + range + "))");
            default -> Optional.empty();
        };
    }

    private static String operator(Comparison c) {
        return switch (c) {
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
