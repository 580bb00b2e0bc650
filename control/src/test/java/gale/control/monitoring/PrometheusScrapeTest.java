package gale.control.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gale.control.Stack;
import gale.monitor.export.ExportSettings;
import gale.monitor.export.PrometheusExport;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.testing.Promtool;
import gale.monitor.testing.RealPrometheus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real stack of two reference-app tasks: the control plane's and each task's {@code /metrics} pass
 * {@code promtool check metrics}, and a real Prometheus running the exported config (control plane scraped directly,
 * tasks found through {@code /api/sd}) sees {@code up == 1} for all three.
 */
class PrometheusScrapeTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path stateRoot;

    @TempDir
    Path prometheusDir;

    private final MonitoringStacks stacks = new MonitoringStacks();
    private Stack stack;
    private RealPrometheus prometheus;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void promtoolAcceptsEveryMetricsPageAndPrometheusSeesControlPlaneAndEveryTaskUp() throws Exception {
        String yaml = MonitoringStacks.autoscalingExample("http://127.0.0.1:9/api/webhooks/1/token")
                .replace("desiredCount: 1", "desiredCount: 2")
                .replaceAll("(?s)    autoscaling:.*", "");
        stack = stacks.start(yaml, stateRoot);
        await().atMost(WAIT).until(() -> stacks.healthyTasks(stack).size() == 2);
        for (int i = 0; i < 4; i++) {
            assertThat(stacks.get(stack.listenerUrl(0)).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> control = stacks.get(stack.adminUrl().resolve("/metrics"));
        assertThat(control.statusCode()).isEqualTo(200);
        assertThat(control.headers().firstValue("Content-Type")).hasValue(GaleMetrics.CONTENT_TYPE);
        assertThat(control.body())
                .contains("gale_balancer_requests_total{code_class=\"2xx\"")
                .contains("gale_balancer_desync_requests_total{classification=\"Compliant\",listener=\""
                        + stack.listenerUrl(0).getPort() + "\",mode=\"defensive\"} 4")
                .contains("gale_fleet_tasks{service=\"web\",state=\"RUNNING\"} 2")
                .contains("gale_task_cpu_usage_ratio{service=\"web\"")
                .contains("jvm_memory_used_bytes");
        assertPromtoolAccepts(control.body());
        List<JsonNode> tasks = stacks.healthyTasks(stack);
        for (JsonNode task : tasks) {
            String page = stacks.get(
                            URI.create("http://127.0.0.1:" + task.path("port").asInt() + "/metrics"))
                    .body();
            assertPromtoolAccepts(page);
        }

        JsonNode sd = stacks.getJson(stack.adminUrl().resolve(PrometheusExport.SD_PATH));
        Set<String> discovered = new HashSet<>();
        sd.forEach(group -> discovered.add(group.path("labels").path("task").asText()));
        Set<String> taskIds = new HashSet<>();
        tasks.forEach(task -> taskIds.add(task.path("id").asText()));
        assertThat(discovered).isEqualTo(taskIds);

        new PrometheusExport(new ExportSettings("127.0.0.1:" + stack.adminPort(), Duration.ofSeconds(1), null, null))
                .writeTo(prometheusDir);
        prometheus = RealPrometheus.start(prometheusDir.resolve(PrometheusExport.PROMETHEUS_FILE), prometheusDir);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    JsonNode result = prometheus.query("up").path("data").path("result");
                    return result.size() == 3 && allUp(result);
                });
        JsonNode result = prometheus.query("up").path("data").path("result");
        List<String> jobs = new ArrayList<>();
        Set<String> scrapedTasks = new HashSet<>();
        result.forEach(r -> {
            jobs.add(r.path("metric").path("job").asText());
            if (r.path("metric").has("task")) {
                scrapedTasks.add(r.path("metric").path("task").asText());
            }
        });
        assertThat(jobs).containsExactlyInAnyOrder("gale-control-plane", "gale-tasks", "gale-tasks");
        assertThat(scrapedTasks).isEqualTo(taskIds);
    }

    private static void assertPromtoolAccepts(String page) throws IOException, InterruptedException {
        Promtool.Result promtool = Promtool.checkMetrics(page);
        assertThat(promtool.exitCode())
                .as("promtool check metrics: %s", promtool.output())
                .isZero();
    }

    private static boolean allUp(JsonNode result) {
        for (JsonNode r : result) {
            if (!"1".equals(r.path("value").get(1).asText())) {
                return false;
            }
        }
        return true;
    }
}
