package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.control.stack.NotifierSpec;
import gale.monitor.alarm.AlarmConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifiers as an AlertmanagerConfig (Prometheus Operator, v1alpha1): one receiver per notifier, one route per
 * alarm and notifier, matched on the {@code gale_alarm} label; Slack's webhook URL goes in a Secret, as the CRD
 * asks.
 */
final class AlertRouting {

    static final String SECRET = "gale-notifiers";

    /** Alerts that no alarm routes go nowhere, as in Gale, where an alarm without {@code notify} only records. */
    private static final String NOWHERE = "gale-none";

    private AlertRouting() {}

    /** The AlertmanagerConfig and, when a notifier needs one, its Secret; empty when no notifier maps. */
    static List<Map<String, Object>> objects(
            Map<String, NotifierSpec> notifiers,
            Map<String, AlarmConfig> alarms,
            KubernetesOptions options,
            List<String> notes) {
        if (notifiers.isEmpty()) {
            return List.of();
        }
        List<Object> receivers = new ArrayList<>();
        receivers.add(map("name", NOWHERE));
        Map<String, String> secret = new LinkedHashMap<>();
        Set<String> mapped = new java.util.HashSet<>();
        notifiers.forEach((name, n) -> {
            Map<String, Object> receiver = map("name", name);
            switch (n.kind()) {
                case WEBHOOK ->
                    receiver.put("webhookConfigs", list(map("url", n.url().toString(), "sendResolved", true)));
                case SLACK -> {
                    secret.put(name, n.url().toString());
                    receiver.put(
                            "slackConfigs",
                            list(map("apiURL", map("name", SECRET, "key", name), "sendResolved", true)));
                }
                case DISCORD ->
                    notes.add("notifier " + name + " (discord) not exported: AlertmanagerConfig"
                            + " v1alpha1 of Prometheus Operator 0.57 has no discordConfigs (0.68 and later do)");
                case LOG ->
                    notes.add("notifier " + name + " (log) has no Alertmanager receiver: alerts show in"
                            + " Alertmanager's own UI");
            }
            if (receiver.size() > 1) {
                receivers.add(receiver);
                mapped.add(name);
            }
        });
        if (mapped.isEmpty()) {
            return List.of();
        }
        List<Object> routes = new ArrayList<>();
        alarms.forEach((alarm, spec) -> spec.notifiers().stream()
                .filter(mapped::contains)
                .forEach(notifier -> routes.add(map(
                        "receiver",
                        notifier,
                        "matchers",
                        list(map("name", AlertRules.ALARM_LABEL, "value", alarm, "matchType", "=")),
                        "continue",
                        true))));
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(Tree.object(
                "monitoring.coreos.com/v1alpha1",
                "AlertmanagerConfig",
                "gale-notifiers",
                options.namespace(),
                Tree.labels(Workloads.PART_OF, "gale"),
                "spec",
                map(
                        "route",
                        map(
                                "receiver",
                                NOWHERE,
                                "groupBy",
                                list(AlertRules.ALARM_LABEL),
                                "groupWait",
                                "0s",
                                "routes",
                                routes),
                        "receivers",
                        receivers)));
        if (!secret.isEmpty()) {
            out.add(Tree.object(
                    "v1",
                    "Secret",
                    SECRET,
                    options.namespace(),
                    Tree.labels(Workloads.PART_OF, "gale"),
                    "type",
                    "Opaque",
                    "stringData",
                    secret));
        }
        return out;
    }
}
