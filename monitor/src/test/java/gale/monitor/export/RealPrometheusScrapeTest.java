package gale.monitor.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.testing.RealPrometheus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) runs the exported config against a stand-in control plane that serves
 * GaleMetrics on /metrics and one task through /api/sd: both must be scraped with {@code up == 1}.
 */
class RealPrometheusScrapeTest {

    private static HttpServer serve(Map<String, Supplier<String>> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routes.forEach((path, body) -> server.createContext(path, exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add(
                            "Content-Type",
                            path.equals("/api/sd") ? ServiceDiscovery.CONTENT_TYPE : GaleMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }));
        server.start();
        return server;
    }

    @Test
    void prometheusScrapesTheControlPlaneAndEveryDiscoveredTask(@TempDir Path dir) throws Exception {
        GaleMetrics taskMetrics = new GaleMetrics();
        HttpServer task = serve(Map.of("/metrics", taskMetrics::scrape));
        String taskAddress = "127.0.0.1:" + task.getAddress().getPort();
        GaleMetrics controlMetrics = new GaleMetrics();
        controlMetrics.requestCompleted("8080", "web", "web-1a2b3c", 200, 1_000_000);
        HttpServer control = serve(Map.of(
                "/metrics",
                controlMetrics::scrape,
                "/api/sd",
                () -> ServiceDiscovery.json(
                        List.of(new SdTarget(taskAddress, Map.of("service", "web", "task", "web-1a2b3c"))))));
        String controlAddress = "127.0.0.1:" + control.getAddress().getPort();
        new PrometheusExport(new ExportSettings(controlAddress, Duration.ofSeconds(1), null, null)).writeTo(dir);
        try (RealPrometheus prometheus = RealPrometheus.start(dir.resolve(PrometheusExport.PROMETHEUS_FILE), dir)) {
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        JsonNode result = prometheus.query("up").path("data").path("result");
                        return result.size() == 2 && allUp(result);
                    });
            JsonNode result = prometheus.query("up").path("data").path("result");
            List<String> jobs = new ArrayList<>();
            result.forEach(r -> jobs.add(r.path("metric").path("job").asText()));
            assertThat(jobs).containsExactlyInAnyOrder("gale-control-plane", "gale-tasks");
            result.forEach(r -> {
                if (r.path("metric").path("job").asText().equals("gale-tasks")) {
                    assertThat(r.path("metric").path("task").asText()).isEqualTo("web-1a2b3c");
                    assertThat(r.path("metric").path("instance").asText()).isEqualTo(taskAddress);
                }
            });
            JsonNode requests = prometheus
                    .query("gale_balancer_requests_total")
                    .path("data")
                    .path("result");
            assertThat(requests.get(0).path("metric").path("code_class").asText())
                    .isEqualTo("2xx");
        } finally {
            control.stop(0);
            task.stop(0);
        }
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
