package gale.app;

import static gale.app.TestApps.get;
import static gale.app.TestApps.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsAndStressTest {

    /** One line of the Prometheus text format 0.0.4: a comment, or a sample with optional labels. */
    private static final Pattern COMMENT = Pattern.compile(
            "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))");

    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*"
            + "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\")*,?})?"
            + " ([-+]?[0-9.]+([eE][-+]?[0-9]+)?|[-+]Inf|NaN)( -?[0-9]+)?");

    private static ReferenceApp app;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        app = ReferenceApp.start(AppConfig.onPort(0)
                .withTaskId("web-metric")
                .withDbUrl(TestApps.freshDatabase())
                .withLogFile(dir.resolve("web-metric.log")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void metricsAreValidPrometheusTextCountingRequestsByRouteAndCode() throws Exception {
        get(app, "/seed");
        get(app, "/u/unknown");
        get(app, "/nowhere");

        HttpResponse<String> response = get(app, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        List<String> lines =
                response.body().lines().filter(line -> !line.isEmpty()).toList();
        assertThat(lines)
                .allSatisfy(line -> assertThat(COMMENT.matcher(line).matches()
                                || SAMPLE.matcher(line).matches())
                        .as("Prometheus text line: %s", line)
                        .isTrue());
        assertThat(lines)
                .contains("gale_app_requests_total{code=\"200\",method=\"GET\",route=\"/seed\"} 1.0")
                .contains("gale_app_requests_total{code=\"404\",method=\"GET\",route=\"/u/:code\"} 1.0")
                .contains("gale_app_requests_total{code=\"404\",method=\"GET\",route=\"unmatched\"} 1.0")
                .contains("gale_app_requests_in_flight 1.0")
                .contains("gale_app_info{task_id=\"web-metric\"} 1.0")
                .anyMatch(line ->
                        line.startsWith("gale_app_request_duration_seconds_bucket{route=\"/seed\",le=\"0.005\"}"))
                .anyMatch(line -> line.startsWith("process_cpu_seconds_total "));
        assertThat(promtoolAccepts(response.body())).isTrue();
    }

    @Test
    void stressAnswers202AndBurnsCpuOnItsOwnThread() throws Exception {
        HttpResponse<String> response = post(app, "/stress", "{\"seconds\": 2}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("taskId")).isEqualTo("web-metric");
        assertThat(body.getDouble("seconds")).isEqualTo(2.0);
        assertThat(get(app, "/metrics").body()).contains("gale_app_stress_active 1.0");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get(app, "/metrics").body().contains("gale_app_stress_active 0.0"));
        // The machine may be busy with other work: a tenth of the two seconds on a core is proof enough.
        assertThat(metric(get(app, "/metrics").body(), "gale_app_stress_cpu_seconds_total"))
                .isGreaterThan(0.2);
    }

    @Test
    void eachRequestIsOneLineInTheTaskLogFile() throws Exception {
        get(app, "/whoami");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.readString(dir.resolve("web-metric.log"), StandardCharsets.UTF_8)
                        .lines()
                        .anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z GET /whoami 200 \\d+ms")));
        assertThat(Files.readString(dir.resolve("web-metric.log")))
                .contains("task web-metric listening on 127.0.0.1:" + app.port());
    }

    private static double metric(String exposition, String name) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow();
    }

    /** `promtool check metrics` where Prometheus is installed (CI installs it); the line check above otherwise. */
    private static boolean promtoolAccepts(String exposition) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            return true;
        }
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("promtool says").isEmpty();
        return process.exitValue() == 0;
    }
}
