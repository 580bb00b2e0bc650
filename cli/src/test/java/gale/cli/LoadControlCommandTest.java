package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gale load control} against a running {@code gale load} with an externally-controlled scenario, both through
 * picocli in this JVM, the load against a real server on 127.0.0.1 that answers after 10 ms.
 */
class LoadControlCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern API = Pattern.compile("API at http://(127\\.0\\.0\\.1:\\d+)/v1/status");

    @TempDir
    Path dir;

    private LoadTarget server;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws IOException {
        server = new LoadTarget(10);
    }

    @AfterEach
    void stop() throws InterruptedException {
        background.shutdownNow();
        background.awaitTermination(30, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void scalesPausesResumesAndStopsARunningLoadThatThenPrintsItsSummary() throws Exception {
        Path plan = dir.resolve("live.yaml");
        Files.writeString(plan, """
                scenarios:
                  live:
                    executor: externally-controlled
                    vus: 2
                    maxVUs: 6
                    duration: 0
                    requests: [%s/]
                """.formatted(server.origin()));
        Path summary = dir.resolve("summary.json");
        StringWriter loadErr = new StringWriter();
        Future<Integer> load = background.submit(() -> {
            CommandLine gale = Gale.commandLine();
            gale.setErr(new PrintWriter(loadErr, true));
            return gale.execute(
                    "load",
                    "-f",
                    plan.toString(),
                    "--address",
                    "127.0.0.1:0",
                    "--quiet",
                    "--summary-export",
                    summary.toString());
        });
        String address = await().atMost(WAIT).until(() -> api(loadErr.toString()), a -> a != null);

        CliRun status = control(address, "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("running     yes").contains("vus         2 of at most 6");

        assertThat(control(address, "scale", "5").exitCode()).isZero();
        await().atMost(WAIT).until(() -> control(address, "status").out().contains("(5 in an iteration"));

        CliRun refused = control(address, "scale", "7");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("gale load control: vus: 7 (expected: 0 to maxVUs, 6; maxVUs is fixed by the plan's"
                        + " externally-controlled scenario)");

        assertThat(control(address, "pause").out()).contains("paused      yes");
        await().atMost(WAIT).until(() -> control(address, "status").out().contains("(0 in an iteration"));
        assertThat(control(address, "resume").out()).contains("paused      no");
        assertThat(control(address, "status", "--json").out()).startsWith("{\"data\":{\"type\":\"status\"");

        assertThat(control(address, "stop").out()).contains("stopped     yes");
        assertThat(load.get(60, TimeUnit.SECONDS)).isZero();

        JsonNode metrics = new ObjectMapper().readTree(summary.toFile()).get("metrics");
        assertThat(metrics.at("/vus_max/max").asInt()).isEqualTo(5);
        assertThat(metrics.at("/http_reqs/count").asLong()).isPositive().isEqualTo(server.received());
        assertThat(metrics.at("/http_req_failed/value").asDouble()).isZero();
        CliRun gone = control(address, "status");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no gale load answers at " + address);
    }

    @Test
    void refusesBadActionsAndAddressesBeyondLoopback() {
        assertThat(CliRun.of("load", "control", "jump").err())
                .contains("'jump' (expected: status, scale N, pause, resume or stop)");
        assertThat(CliRun.of("load", "control", "scale").exitCode()).isEqualTo(2);
        CliRun beyond = CliRun.of("load", "control", "--address", "0.0.0.0:6565", "status");
        assertThat(beyond.exitCode()).isEqualTo(2);
        assertThat(beyond.err()).contains("0.0.0.0 is beyond loopback");
    }

    private static CliRun control(String address, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "load";
        all[1] = "control";
        all[2] = "--address";
        all[3] = address;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    private static String api(String err) {
        Matcher m = API.matcher(err);
        return m.find() ? m.group(1) : null;
    }
}
