package gale.monitor.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import gale.monitor.metrics.GaleMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) runs the exported config against a stand-in control plane that serves
 * GaleMetrics on /metrics and one task through /api/sd: both must be scraped with {@code up == 1}.
 */
class RealPrometheusScrapeTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                "prometheus",
                "--config.file=" + dir.resolve(PrometheusExport.PROMETHEUS_FILE),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        Process prometheus = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        JsonNode result = query(port, "up").path("data").path("result");
                        return result.size() == 2 && allUp(result);
                    });
            JsonNode result = query(port, "up").path("data").path("result");
            List<String> jobs = new ArrayList<>();
            result.forEach(r -> jobs.add(r.path("metric").path("job").asText()));
            assertThat(jobs).containsExactlyInAnyOrder("gale-control-plane", "gale-tasks");
            result.forEach(r -> {
                if (r.path("metric").path("job").asText().equals("gale-tasks")) {
                    assertThat(r.path("metric").path("task").asText()).isEqualTo("web-1a2b3c");
                    assertThat(r.path("metric").path("instance").asText()).isEqualTo(taskAddress);
                }
            });
            JsonNode requests =
                    query(port, "gale_balancer_requests_total").path("data").path("result");
            assertThat(requests.get(0).path("metric").path("code_class").asText())
                    .isEqualTo("2xx");
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
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

    private JsonNode query(int port, String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
