package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gale load} end to end through picocli: exit codes 0, 2 and 99 against a real local server. */
class LoadCommandTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int gale(String... args) {
        CommandLine cli = Gale.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void runsK6sShorthandAndWritesTheSummaryExport() throws IOException {
        Path summary = dir.resolve("summary.json");
        int code = gale(
                "load",
                url(),
                "--vus",
                "2",
                "--iterations",
                "20",
                "--quiet",
                "--summary-export",
                summary.toString(),
                "--threshold",
                "http_req_failed: rate<0.01");

        assertThat(code).isZero();
        var metrics = new ObjectMapper().readTree(summary.toFile()).get("metrics");
        assertThat(metrics.at("/http_reqs/count").asLong()).isEqualTo(20).isEqualTo(received.get());
        assertThat(metrics.at("/http_req_failed/value").asDouble()).isZero();
    }

    @Test
    void exits99WhenAThresholdFails() {
        assertThat(gale("load", url(), "--iterations", "3", "--quiet", "--threshold", "http_reqs: count>1000"))
                .isEqualTo(99);
    }

    @Test
    void exits2OnBadInputBeforeSendingAnything() {
        assertThat(gale("load", url(), "--vus", "2", "--duration", "ten seconds"))
                .isEqualTo(2);
        assertThat(gale("load", url(), "--threshold", "http_req_duration p(95)<5"))
                .isEqualTo(2);
        assertThat(gale("load", "localhost:8080", "--vus", "1")).isEqualTo(2);
        assertThat(gale("load", "-f", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(received.get()).isZero();
        assertThat(err.toString()).contains("gale load: --duration: 'ten seconds' (expected: a duration");
    }

    @Test
    void outTakesK6sTypeEqualsTargetFormRepeatedAndABareFileIsTheSecondSeries() throws IOException {
        Path json = dir.resolve("points.json");
        Path csv = dir.resolve("points.csv");
        Path series = dir.resolve("series.csv");
        Path junit = dir.resolve("junit.xml");
        int code = gale(
                "load",
                url(),
                "--iterations",
                "5",
                "--quiet",
                "--out",
                "json=" + json,
                "--out",
                "csv=" + csv,
                "-o",
                series.toString(),
                "--junit",
                junit.toString(),
                "--threshold",
                "http_reqs: count==5");

        assertThat(code).isZero();
        assertThat(java.nio.file.Files.readAllLines(json))
                .filteredOn(l -> l.contains("\"type\":\"Point\"") && l.contains("\"metric\":\"http_reqs\""))
                .hasSize(5);
        assertThat(java.nio.file.Files.readAllLines(csv))
                .filteredOn(l -> l.startsWith("http_reqs,"))
                .hasSize(5);
        assertThat(java.nio.file.Files.readString(series)).startsWith("time,second,vus");
        assertThat(java.nio.file.Files.readString(junit)).contains("name=\"http_reqs: count==5\"");
    }

    @Test
    void anUnknownOutputTypeIsBadInput() {
        assertThat(gale("load", url(), "--iterations", "1", "--out", "influxdb=http://x"))
                .isEqualTo(2);
        assertThat(received.get()).isZero();
        assertThat(err.toString()).contains("gale load: --out: 'influxdb=http://x' (expected: json=FILE, csv=FILE,");
    }

    @Test
    void convertTurnsAJmeterPlanIntoOneThatRunsAndSaysWhatItLeftOut() throws IOException {
        Path jmx = Path.of("..", "loadgen", "src", "test", "resources", "jmeter", "seed000-stages.jmx");
        Path plan = dir.resolve("plan.yaml");
        CliRun run = CliRun.of("load", "convert", jmx.toString(), "-o", plan.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(java.nio.file.Files.readString(plan)).contains("Stage-5-500-users", "users: 500", "rampUp: 30s");
        assertThat(run.err())
                .contains("not converted: /Seed 000 load test/Summary Report: listener ResultCollector left out");
        assertThat(CliRun.of("load", "convert", plan.toString()).exitCode()).isEqualTo(2);
    }
}
