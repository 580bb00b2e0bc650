package gale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.threshold.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds, the summary export, the time series, the HTML report and control-plane events. */
class OutputsTest {

    @TempDir
    Path dir;

    private CountingServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws InterruptedException {
        server = new CountingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LoadOutput output() {
        return LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private LoadPlan plan(String path, ExecutorSpec executor, String... thresholds) {
        return Plans.one(
                server.url(path),
                executor,
                List.of(thresholds).stream().map(Thresholds::parse).toList());
    }

    @Test
    void exitCode99WhenAThresholdFailsAndTheSummaryMarksIt() {
        LoadResult r = LoadRun.run(
                plan(
                        "/",
                        new ExecutorSpec.SharedIterations(2, 40, Duration.ofSeconds(10)),
                        "http_req_duration: p(95)<5000",
                        "http_reqs: count>1000000",
                        "http_req_failed: rate<0.01"),
                output());

        assertThat(r.thresholds()).extracting(t -> t.passed()).containsExactly(true, false, true);
        assertThat(r.exitCode()).isEqualTo(LoadResult.EXIT_THRESHOLD_FAILED);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("█ THRESHOLDS")
                .contains("✓ 'p(95)<5000'")
                .contains("✗ 'count>1000000' count=40")
                .contains("█ STAGES");
    }

    @Test
    void exitCode0WhenEveryThresholdPasses() {
        LoadResult r = LoadRun.run(
                plan(
                        "/",
                        new ExecutorSpec.SharedIterations(1, 5, Duration.ofSeconds(10)),
                        "http_reqs: count==5",
                        "http_req_duration{scenario:test}: max<5000"),
                output());
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void abortOnFailStopsTheTestEarly() {
        var th = Thresholds.parse("http_req_failed", "rate<0.01", true, Duration.ZERO);
        LoadPlan p = Plans.one(
                server.url("/status/500"), new ExecutorSpec.ConstantVus(2, Duration.ofSeconds(60)), List.of(th));
        long t0 = System.nanoTime();
        LoadResult r = LoadRun.run(p, output());

        assertThat(r.aborted()).isTrue();
        assertThat(r.exitCode()).isEqualTo(99);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void summaryExportFollowsK6sLayout() throws IOException {
        Path file = dir.resolve("summary.json");
        LoadResult r = LoadRun.run(
                plan(
                        "/",
                        new ExecutorSpec.SharedIterations(2, 30, Duration.ofSeconds(10)),
                        "http_req_duration: p(95)<5000"),
                output().withSummaryExport(file));

        JsonNode m = new ObjectMapper().readTree(file.toFile()).get("metrics");
        assertThat(m.at("/http_reqs/count").asLong()).isEqualTo(30).isEqualTo(server.received());
        assertThat(m.at("/http_req_failed/value").isDouble()).isTrue();
        assertThat(m.at("/http_req_failed/value").asDouble()).isZero();
        assertThat(m.get("http_req_duration").get("p(95)").asDouble())
                .isEqualTo(r.results().trend("http_req_duration").p95())
                .isPositive();
        assertThat(m.get("http_req_duration").fieldNames())
                .toIterable()
                .contains("avg", "min", "med", "max", "p(90)", "p(95)", "p(99)", "thresholds");
        assertThat(m.at("/http_req_duration/thresholds").get("p(95)<5000").asBoolean())
                .isFalse();
        assertThat(m.at("/vus_max/value").asInt()).isEqualTo(2);
        assertThat(m.at("/iterations/count").asLong()).isEqualTo(30);
    }

    @Test
    void writesTheSecondSeriesAsJsonLinesOrCsvAndAnOfflineHtmlReport() throws IOException {
        Path jsonl = dir.resolve("series.jsonl");
        Path html = dir.resolve("report.html");
        LoadRun.run(
                plan("/", new ExecutorSpec.ConstantVus(2, Duration.ofMillis(2200))),
                output().withSeries(jsonl).withReport(html));
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSizeBetween(2, 4);
        long total = 0;
        for (String line : lines) {
            JsonNode row = new ObjectMapper().readTree(line);
            assertThat(row.has("p95_ms")).isTrue();
            total += row.get("reqs").asLong();
        }
        assertThat(total).isEqualTo(server.received());
        String report = Files.readString(html);
        // Offline: the chart code is inlined, no script or style is fetched (HtmlReportTest and the browser test).
        assertThat(report)
                .contains("id=\"gale-data\"")
                .contains("GaleCharts")
                .doesNotContainPattern("(?i)<script[^>]+src=")
                .doesNotContain("http://cdn");

        Path csv = dir.resolve("series.csv");
        LoadRun.run(plan("/", new ExecutorSpec.ConstantVus(1, Duration.ofMillis(1100))), output().withSeries(csv));
        assertThat(Files.readAllLines(csv).get(0)).startsWith("time,second,vus,vus_max,reqs,failed,avg_ms");
    }

    @Test
    void putsControlPlaneEventsFromTheSseStreamOnTheTimeline() throws IOException {
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/api/events/stream", exchange -> {
            // Stamped when the test connects: events from before its clock started (the warm-up) are not its own.
            String now = Instant.now().toString();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("id: 17\ndata: {\"id\": 17, \"time\": \"" + now + "\", \"type\": \"task.stopped\", "
                                + "\"subject\": \"web-1a2b3c\", \"reason\": \"stopped by user\", \"service\": \"web\"}\n\n"
                                + "id: 18\ndata: {\"id\": 18, \"time\": \"" + now + "\", \"type\": \"task.started\", "
                                + "\"subject\": \"web-4d5e6f\", \"reason\": \"replacing web-1a2b3c\", \"service\": \"web\"}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleepQuietly(3000);
            } catch (IOException closedByClient) {
                // the load test ended and closed the stream
            }
        });
        control.start();
        try {
            Path html = dir.resolve("report.html");
            Path jsonl = dir.resolve("series.jsonl");
            URI url = URI.create("http://127.0.0.1:" + control.getAddress().getPort());
            LoadResult r = LoadRun.run(
                    plan("/", new ExecutorSpec.ConstantVus(1, Duration.ofMillis(1500))),
                    output().withControl(url).withReport(html).withSeries(jsonl));

            assertThat(r.events()).extracting(e -> e.type()).containsExactly("task.stopped", "task.started");
            assertThat(r.events().get(0).subject()).isEqualTo("web-1a2b3c");
            assertThat(Files.readString(jsonl)).contains("\"type\":\"task.stopped\"");
            assertThat(Files.readString(html)).contains("task.stopped web-1a2b3c (stopped by user)");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CONTROL PLANE EVENTS");
        } finally {
            control.stop(0);
        }
    }

    @Test
    void fallsBackToPollingEventsWhenThereIsNoStream() throws IOException {
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/api/events", exchange -> {
            String now = Instant.now(Clock.systemUTC()).toString();
            boolean stream = exchange.getRequestURI().getPath().endsWith("/stream");
            byte[] body = ("[{\"id\": 3, \"time\": \"" + now
                            + "\", \"type\": \"service.scaled\", \"subject\": \"web\"},"
                            + "{\"id\": 2, \"time\": \"2020-01-01T00:00:00Z\", \"type\": \"old\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(stream ? 404 : 200, stream ? -1 : body.length);
            if (!stream) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        control.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + control.getAddress().getPort() + "/");
            LoadResult r = LoadRun.run(
                    plan("/", new ExecutorSpec.ConstantVus(1, Duration.ofMillis(1500))), output().withControl(url));
            assertThat(r.events()).extracting(e -> e.type()).containsExactly("service.scaled");
        } finally {
            control.stop(0);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // keeps the recorded stream open like a live one; not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
