package gale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gale.loadgen.output.OutputTarget;
import gale.loadgen.plan.Checks;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanException;
import gale.loadgen.plan.PlanOptions;
import gale.loadgen.plan.RequestSpec;
import gale.loadgen.plan.Scenario;
import gale.loadgen.prometheus.PrometheusEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --out prometheus=}: scraped during the test, then once more after the summary, which the test waits for;
 * that last page's series add up to the summary's counts exactly.
 */
class PrometheusOutputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern URL = Pattern.compile("Prometheus metrics at (http://\\S+)");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private CountingServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new CountingServer().delay(5);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theLastScrapeAfterTheSummaryAddsUpToItExactly() throws Exception {
        Scenario s = new Scenario(
                "mixed",
                new ExecutorSpec.ConstantVus(2, Duration.ofSeconds(3)),
                List.of(
                        new RequestSpec(
                                "ok", "GET", server.url("/"), Map.of(), null, new Checks(Set.of(200), null), Map.of()),
                        RequestSpec.get(server.url("/status/500"))),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(5),
                Map.of());
        LoadPlan plan = new LoadPlan(List.of(s), List.of(), new PlanOptions(0, 2, Duration.ofSeconds(10), false));
        LoadOutput output = LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .withOuts(List.of(OutputTarget.parse("prometheus=127.0.0.1:0")));
        LoadRun run = LoadRun.start(plan, output);
        CompletableFuture<LoadResult> done = CompletableFuture.supplyAsync(run::await);
        Matcher m = URL.matcher(text());
        assertThat(m.find()).as(text()).isTrue();
        URI metrics = URI.create(m.group(1));

        await().atMost(WAIT).until(() -> scrape(metrics).contains("k6_http_reqs_total{"));
        await().atMost(WAIT).until(() -> text().contains("for Prometheus to scrape the final totals"));
        String last = scrape(metrics);
        LoadResult result = done.get(10, TimeUnit.SECONDS);

        long reqs = result.results().count("http_reqs");
        assertThat(reqs).isPositive().isEqualTo(server.received());
        assertThat(sum(last, "k6_http_reqs_total{")).isEqualTo(reqs);
        assertThat(sum(last, "k6_http_req_duration_seconds_count{")).isEqualTo(reqs);
        assertThat(sum(last, "k6_http_req_waiting_seconds_bucket{", "le=\"+Inf\""))
                .isEqualTo(reqs);
        assertThat(sum(last, "k6_iterations_total{")).isEqualTo(result.results().count("iterations"));
        assertThat(sum(last, "k6_data_sent_total{")).isEqualTo(result.results().count("data_sent"));
        assertThat(last)
                .contains("k6_http_req_failed_rate{method=\"GET\",name=\"" + server.url("/status/500")
                        + "\",scenario=\"mixed\",url=\"" + server.url("/status/500") + "\"} 1.0")
                .contains("k6_http_req_failed_rate{method=\"GET\",name=\"ok\"")
                .contains("k6_checks_rate{check=\"status is 200\"} 1.0")
                .contains("k6_vus_max 2")
                .endsWith("# EOF\n");
    }

    @Test
    void refusesATargetThatIsNotHostAndPortOrIsTaken() {
        assertThatThrownBy(() -> PrometheusEndpoint.start("127.0.0.1"))
                .isInstanceOf(PlanException.class)
                .hasMessage("--out: 'prometheus=127.0.0.1' (expected: prometheus=HOST:PORT, e.g."
                        + " prometheus=127.0.0.1:5656)");
        try (PrometheusEndpoint taken = PrometheusEndpoint.start("127.0.0.1:0")) {
            assertThatThrownBy(() -> PrometheusEndpoint.start(
                            "127.0.0.1:" + taken.address().getPort()))
                    .hasMessageStartingWith(
                            "--out: prometheus=127.0.0.1:" + taken.address().getPort() + ": cannot listen");
        }
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** OpenMetrics, as Prometheus asks for it. */
    private String scrape(URI uri) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Accept", "application/openmetrics-text;version=1.0.0")
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static long sum(String page, String prefix, String... containing) {
        double total = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(prefix) && List.of(containing).stream().allMatch(line::contains)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }
}
