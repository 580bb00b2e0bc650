package gale.control.kubernetes;

import gale.monitor.export.GrafanaDashboard;
import java.util.List;
import java.util.Map;

/** The Grafana dashboard as a ConfigMap that Grafana's sidecar (label grafana_dashboard) loads. */
final class Dashboard {

    static final String SIDECAR_LABEL = "grafana_dashboard";

    private Dashboard() {}

    static Map<String, Object> configMap(KubernetesOptions options, List<String> notes) {
        notes.add("the dashboard's balancer, fleet and alarm panels read Gale's own gale_* metrics, which no"
                + " Gale control plane serves in a cluster; the task panels read the app's /metrics through a"
                + " PodMonitor");
        return Tree.object(
                "v1",
                "ConfigMap",
                "gale-dashboard",
                options.namespace(),
                Tree.labels(Workloads.PART_OF, "gale", SIDECAR_LABEL, "1"),
                "data",
                Tree.labels(GrafanaDashboard.FILE, GrafanaDashboard.json()));
    }
}
