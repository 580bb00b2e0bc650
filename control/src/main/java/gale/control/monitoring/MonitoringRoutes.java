package gale.control.monitoring;

import gale.fleet.Fleet;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import gale.monitor.export.PrometheusExport;
import gale.monitor.export.SdTarget;
import gale.monitor.export.ServiceDiscovery;
import gale.monitor.metrics.GaleMetrics;
import io.vertx.ext.web.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics} (the control plane's Prometheus text) and {@code GET /api/sd} (Prometheus HTTP service discovery
 * of every running task's {@code /metrics}) on the admin server.
 */
final class MonitoringRoutes {

    /** Ahead of the admin API's catch-all 404 for unknown {@code /api/*} paths. */
    private static final int BEFORE_THE_API = -1;

    private MonitoringRoutes() {}

    static void install(Router router, GaleMetrics metrics, Fleet fleet, Map<String, String> targetGroupOfService) {
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", GaleMetrics.CONTENT_TYPE)
                        .end(metrics.scrape()));
        router.get(PrometheusExport.SD_PATH)
                .order(BEFORE_THE_API)
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", ServiceDiscovery.CONTENT_TYPE)
                        .end(ServiceDiscovery.json(targets(fleet, targetGroupOfService))));
    }

    /** Every RUNNING task, labelled with its service, task id and target group. */
    static List<SdTarget> targets(Fleet fleet, Map<String, String> targetGroupOfService) {
        return fleet.tasks().stream()
                .filter(task -> task.state() == TaskState.RUNNING)
                .map(task -> new SdTarget(task.address(), labels(task, targetGroupOfService)))
                .toList();
    }

    private static Map<String, String> labels(TaskSnapshot task, Map<String, String> targetGroupOfService) {
        Map<String, String> labels = new HashMap<>();
        labels.put("service", task.service());
        labels.put("task", task.id());
        String group = targetGroupOfService.get(task.service());
        if (group != null) {
            labels.put("target_group", group);
        }
        return labels;
    }
}
