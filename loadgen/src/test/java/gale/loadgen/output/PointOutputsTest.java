package gale.loadgen.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.metrics.Results;
import gale.loadgen.plan.PlanParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k6's JSON and CSV points add up to the summary exactly; the JUnit file reads as CI reads it. */
class PointOutputsTest {

    @TempDir
    Path dir;

    private com.sun.net.httpserver.HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            byte[] body = (x.getRequestURI().getPath().equals("/missing") ? "no" : "Hello, World!")
                    .getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(x.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private LoadResult run(LoadOutput output) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String plan = """
                scenarios:
                  journey:
                    executor: constant-vus
                    vus: 3
                    duration: 2s
                    steps:
                      - group: pages
                        steps:
                          - {name: home, url: BASE/, checks: {status: 200, bodyContains: Hello}}
                          - {name: missing, url: BASE/missing, checks: {status: 200}}
                  plain:
                    executor: shared-iterations
                    vus: 2
                    iterations: 40
                    requests: [BASE/]
                thresholds:
                  http_req_failed: ["rate<0.01"]
                  "http_req_duration{name:home}": ["p(95)<5000"]
                """.replace("BASE", base);
        return LoadRun.run(new PlanParser().parse(plan), output);
    }

    private static LoadOutput quiet() {
        return LoadOutput.quiet(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void jsonAndCsvPointsSumExactlyToTheSummary() throws Exception {
        Path json = dir.resolve("points.json");
        Path csv = dir.resolve("points.csv");
        LoadResult r =
                run(quiet().withOuts(List.of(OutputTarget.parse("json=" + json), OutputTarget.parse("csv=" + csv))));
        Results results = r.results();

        Map<String, double[]> fromJson = new TreeMap<>();
        Set<String> declared = new java.util.HashSet<>();
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Long> homeChecks = new HashMap<>();
        for (String line : Files.readAllLines(json)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = mapper.readTree(line);
            if (o.path("type").asText().equals("Metric")) {
                declared.add(o.path("metric").asText());
                assertThat(o.at("/data/type").asText()).isIn("counter", "trend", "rate", "gauge");
                continue;
            }
            assertThat(o.path("type").asText()).isEqualTo("Point");
            String metric = o.path("metric").asText();
            assertThat(declared).contains(metric);
            double[] sumAndCount = fromJson.computeIfAbsent(metric, k -> new double[2]);
            sumAndCount[0] += o.at("/data/value").asDouble();
            sumAndCount[1]++;
            assertThat(o.at("/data/time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            if (metric.equals("checks") && o.at("/data/tags/name").asText().equals("home")) {
                homeChecks.merge(o.at("/data/tags/check").asText(), 1L, Long::sum);
            }
        }
        Map<String, double[]> fromCsv = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst())
                .isEqualTo("metric_name,timestamp,metric_value,check,error,error_code,"
                        + "expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,"
                        + "extra_tags");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double[] sumAndCount = fromCsv.computeIfAbsent(f[0], k -> new double[2]);
            sumAndCount[0] += Double.parseDouble(f[2]);
            sumAndCount[1]++;
        }

        long[] failed = results.rate("http_req_failed", Map.of());
        long[] checks = results.rate("checks", Map.of());
        for (Map<String, double[]> points : List.of(fromJson, fromCsv)) {
            assertThat((long) points.get("http_reqs")[0])
                    .isEqualTo(results.count("http_reqs"))
                    .isPositive();
            assertThat((long) points.get("http_req_duration")[1]).isEqualTo(results.count("http_reqs"));
            assertThat((long) points.get("http_req_failed")[0])
                    .isEqualTo(failed[0])
                    .isPositive();
            assertThat((long) points.get("checks")[0]).isEqualTo(checks[0]);
            assertThat((long) points.get("checks")[1]).isEqualTo(checks[1]);
            assertThat((long) points.get("iterations")[0]).isEqualTo(results.count("iterations"));
            assertThat((long) points.get("data_sent")[0]).isEqualTo(results.count("data_sent"));
            assertThat((long) points.get("data_received")[0]).isEqualTo(results.count("data_received"));
            assertThat((long) points.get("group_duration")[1])
                    .isEqualTo(results.trend("group_duration").count());
        }
        assertThat(homeChecks).containsOnlyKeys("status is 200", "body contains 'Hello'");
        assertThat(homeChecks.get("status is 200")).isEqualTo(results.count("http_reqs", Map.of("name", "home")));
    }

    @Test
    void junitHasEachThresholdAndCheckAsATestCaseThatSurefireReads() throws Exception {
        Path junit = dir.resolve("junit.xml");
        LoadResult r = run(quiet().withJunit(junit));

        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(junit.toString());
        assertThat(suites)
                .extracting(ReportTestSuite::getFullClassName)
                .containsExactly("gale.load.thresholds", "gale.load.checks");
        ReportTestSuite thresholds = suites.get(0);
        assertThat(thresholds.getNumberOfTests()).isEqualTo(2);
        assertThat(thresholds.getNumberOfFailures()).isEqualTo(1);
        assertThat(thresholds.getTestCases())
                .extracting(ReportTestCase::getName, ReportTestCase::hasFailure)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http_req_failed: rate<0.01", true),
                        org.assertj.core.groups.Tuple.tuple("http_req_duration{name:home}: p(95)<5000", false));
        ReportTestCase failedThreshold = thresholds.getTestCases().get(0);
        assertThat(failedThreshold.getFailureMessage())
                .startsWith("observed 0.")
                .endsWith("(expected: rate<0.01)");
        ReportTestSuite checks = suites.get(1);
        assertThat(checks.getTestCases())
                .extracting(ReportTestCase::getName, ReportTestCase::hasFailure)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("status is 200", true),
                        org.assertj.core.groups.Tuple.tuple("body contains 'Hello'", false));
        long[] status = r.results().checks().get("status is 200");
        assertThat(checks.getTestCases().stream()
                        .filter(ReportTestCase::hasFailure)
                        .findFirst()
                        .orElseThrow()
                        .getFailureMessage())
                .isEqualTo(status[1] + " of " + (status[0] + status[1]) + " failed");
        assertThat(r.exitCode()).isEqualTo(LoadResult.EXIT_THRESHOLD_FAILED);
    }

    @Test
    void theHdrLogsIntervalsAddUpToEveryRequest() throws Exception {
        Path hdr = dir.resolve("durations.hlog");
        LoadResult r = run(quiet().withOuts(List.of(OutputTarget.parse("hdr=" + hdr))));

        assertThat(Files.readString(hdr)).contains("#[Histogram log format version 1.3]", "#[StartTime: ");
        org.HdrHistogram.HistogramLogReader reader = new org.HdrHistogram.HistogramLogReader(hdr.toFile());
        org.HdrHistogram.Histogram total = new org.HdrHistogram.Histogram(3);
        int intervals = 0;
        org.HdrHistogram.EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            total.add((org.HdrHistogram.Histogram) interval);
            intervals++;
        }
        assertThat(intervals).isGreaterThanOrEqualTo(2);
        assertThat(total.getTotalCount())
                .isEqualTo(r.results().count("http_reqs"))
                .isPositive();
        assertThat(total.getMaxValue())
                .isEqualTo(r.results().histogram("http_req_duration", Map.of()).getMaxValue());
    }
}
