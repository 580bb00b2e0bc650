package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's journey, as examples/load/url-shortener.yaml writes it, against the default stack (the balancer and two
 * reference-app processes with the embedded database): POST /urls with a URL from the CSV feeder, capture the code,
 * GET /u/${code}, check the 302 and its Location.
 */
class Seed001JourneyTest {

    @TempDir
    Path dir;

    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shortensThenFollowsEveryUrlWithNoFailureAndCountsEachStep() throws Exception {
        stack = Stack.start(
                StackConfig.defaults().withFirstListenerPort(0).withWarmup(Duration.ZERO),
                new StackOptions("127.0.0.1", 0, dir.resolve("state"), Clock.systemUTC(), BalancerObserver.NOOP));
        await().atMost(Duration.ofSeconds(90)).until(() -> healthyTasks() == 2);
        Path examples = Path.of(System.getProperty("user.dir"))
                .getParent()
                .resolve("examples")
                .resolve("load");
        String plan = Files.readString(examples.resolve("url-shortener.yaml"))
                .replace("127.0.0.1:8080", "127.0.0.1:" + stack.listenerPort(0))
                .replace("vus: 10", "vus: 4")
                .replace("duration: 30s", "duration: 4s");
        Files.writeString(dir.resolve("url-shortener.yaml"), plan);
        Files.copy(examples.resolve("url-shortener-urls.csv"), dir.resolve("url-shortener-urls.csv"));
        Path summary = dir.resolve("summary.json");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            code = CliRun.of(
                            "load",
                            "-f",
                            dir.resolve("url-shortener.yaml").toString(),
                            "--quiet",
                            "--summary-export",
                            summary.toString())
                    .exitCode();
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        assertThat(code).isZero();
        JsonNode metrics = new ObjectMapper().readTree(summary.toFile()).get("metrics");
        long requests = metrics.at("/http_reqs/count").asLong();
        assertThat(requests).isPositive().isEven();
        assertThat(metrics.at("/http_req_failed/value").asDouble()).isZero();
        long iterations = requests / 2;
        assertThat(text)
                .containsPattern(
                        "shorten-and-follow\\s+shorten\\s+" + iterations + "\\s+0\\s+" + iterations + "\\s+0\\s")
                .containsPattern(
                        "shorten-and-follow\\s+follow\\s+" + iterations + "\\s+0\\s+" + 2 * iterations + "\\s+0\\s")
                .contains("✓ status is 201", "✓ status is 302", "✓ header Location is '${url}'")
                .contains("STATUS CODES  201=" + iterations + "  302=" + iterations);
    }

    private long healthyTasks() {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .count();
    }
}
