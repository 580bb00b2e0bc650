package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.testing.Promtool;
import gale.monitor.testing.RealPrometheus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gale load --out prometheus=HOST:PORT} scraped every second by a real Prometheus: the page passes
 * {@code promtool check metrics} during the test, and the last scraped totals in Prometheus equal the summary's
 * counts exactly.
 */
class LoadPrometheusTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private LoadTarget server;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws IOException {
        server = new LoadTarget(0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        background.shutdownNow();
        background.awaitTermination(30, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void prometheusScrapesTotalsThatEndEqualToTheSummary() throws Exception {
        int metricsPort = RealPrometheus.freePort();
        Path config = RealPrometheus.scrapeConfig(
                dir, "gale-load", Duration.ofSeconds(1), List.of("127.0.0.1:" + metricsPort));
        Path summary = dir.resolve("summary.json");
        try (RealPrometheus prometheus = RealPrometheus.start(config, dir)) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(prometheus::ready);
            String target = server.origin();
            Path plan = dir.resolve("plan.yaml");
            java.nio.file.Files.writeString(plan, """
                    scenarios:
                      mixed:
                        executor: constant-vus
                        vus: 2
                        duration: 5s
                        think: 20ms
                        requests:
                          - {url: %1$s/, checks: {status: 200}}
                          - {url: %1$s/missing, name: missing}
                    """.formatted(target));
            Future<Integer> load = background.submit(() -> CliRun.of(
                            "load",
                            "-f",
                            plan.toString(),
                            "--quiet",
                            "--summary-export",
                            summary.toString(),
                            "--out",
                            "prometheus=127.0.0.1:" + metricsPort)
                    .exitCode());

            String page = await().atMost(WAIT)
                    .ignoreExceptions()
                    .until(() -> scrape(metricsPort), p -> p.contains("k6_http_reqs_total{"));
            Promtool.Result promtool = Promtool.checkMetrics(page);
            assertThat(promtool.exitCode()).as(promtool.output()).isZero();
            assertThat(page)
                    .contains("# TYPE k6_http_req_duration_seconds histogram")
                    .contains("k6_http_req_failed_rate{")
                    .contains("k6_checks_rate{check=\"status is 200\"} 1.0")
                    .contains("k6_vus ");

            assertThat(load.get(2, TimeUnit.MINUTES)).isZero();
            JsonNode metrics = new ObjectMapper().readTree(summary.toFile()).get("metrics");
            long reqs = metrics.at("/http_reqs/count").asLong();
            assertThat(reqs).isPositive();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(last(prometheus, "k6_http_reqs_total")).isEqualTo(reqs);
                assertThat(last(prometheus, "k6_http_req_duration_seconds_count"))
                        .isEqualTo(reqs);
                assertThat(last(prometheus, "k6_iterations_total"))
                        .isEqualTo(metrics.at("/iterations/count").asLong());
                assertThat(last(prometheus, "k6_data_received_total"))
                        .isEqualTo(metrics.at("/data_received/count").asLong());
                assertThat(last(prometheus, "k6_http_reqs_total{name=\"missing\"}"))
                        .isEqualTo(reqs / 2);
            });
            double failed = prometheus.scalar("last_over_time(k6_http_req_failed_rate{name=\"missing\"}[5m])");
            assertThat(failed).isEqualTo(1.0);
        }
    }

    /** The last value Prometheus holds of each series, added up: the target is gone, so its series are stale now. */
    private static long last(RealPrometheus prometheus, String selector) throws Exception {
        return Math.round(prometheus.scalar("sum(last_over_time(" + selector + "[5m]))"));
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
