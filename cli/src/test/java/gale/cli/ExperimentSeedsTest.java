package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import gale.control.experiment.BuiltIns;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in experiments of seeds 000, 001, 003 and 004, each run end to end in its short mode against a real stack
 * (seed 002's is in {@link ExperimentCommandTest}), and each with one tolerance flipped.
 */
class ExperimentSeedsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void seed000FailsPastTheConnectionLimitAndNotOnceItIsLifted() throws IOException {
        JsonNode result = runHolding("seed-000-connection-limit", builtIn("seed-000-connection-limit"));

        assertThat(figure(result, "768: stage 5 (500 users) error rate")).isGreaterThan(0.10);
        assertThat(figure(result, "768: stage 1 (50 users) error rate")).isLessThanOrEqualTo(0.01);
        assertThat(figure(result, "4000: stage 5 (500 users) error rate")).isLessThanOrEqualTo(0.01);
        assertThat(seedOf(result, "768 connections: error rate")).isEqualTo("86.58%");
        assertThat(seedOf(result, "4000 connections: error rate")).isEqualTo("41.31%");
    }

    @Test
    void seed001LosesNoRequestUnderCpuStressAndTheCpuAlarmReachesTheWebhook() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/alarms", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            String shipped = BuiltIns.text("seed-001-cpu-stress").orElseThrow();
            String withHook = shipped.replace(
                    "ops: { log: true }",
                    "ops: { webhook: \"http://127.0.0.1:" + hook.getAddress().getPort() + "/alarms\" }");
            assertThat(withHook).isNotEqualTo(shipped);

            JsonNode result = runHolding("seed-001-cpu-stress", write("seed-001-with-hook.yaml", withHook));

            assertThat(figure(result, "requests")).isEqualTo(1400);
            assertThat(figure(result, "requests failed, QA test with stress-ng"))
                    .isZero();
            assertThat(seedOf(result, "requests failed, QA test with stress-ng"))
                    .isEqualTo("300");
            assertThat(eventTypes(result)).contains("fault.started");
            assertThat(received).anySatisfy(body -> {
                JsonNode change = JSON.readTree(body);
                assertThat(change.path("alarm").asText()).isEqualTo("web-cpu");
                assertThat(change.path("state").asText()).isEqualTo("ALARM");
            });
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void seed003ScalesOutToThreeTasksUnderStressAndBackToOne() throws IOException {
        JsonNode result = runHolding("seed-003-autoscale", builtIn("seed-003-autoscale"));

        List<String> awaits = StreamSupport.stream(result.path("actions").spliterator(), false)
                .filter(a -> a.path("part").asText().equals("method"))
                .map(a -> a.path("outcome").asText())
                .toList();
        assertThat(awaits).hasSize(2);
        assertThat(awaits.get(0)).startsWith("running-tasks web = 3 after ");
        assertThat(awaits.get(1)).startsWith("running-tasks web = 1 after ");
    }

    @Test
    void seed004OneOverloadedTaskFallsOverAndThreeTasksServeTheSameRamp() throws IOException {
        JsonNode result = runHolding("seed-004-idle-timeout", builtIn("seed-004-idle-timeout"));

        assertThat(figure(result, "one instance: error rate of the ramp")).isGreaterThan(0.10);
        assertThat(figure(result, "three tasks: error rate of the same ramp")).isLessThanOrEqualTo(0.01);
        assertThat(StreamSupport.stream(result.path("events").spliterator(), false)
                        .map(e ->
                                e.path("type").asText() + " " + e.path("reason").asText()))
                .anySatisfy(e -> assertThat(e).startsWith("target.unhealthy Target.Timeout"))
                .anySatisfy(e -> assertThat(e).isEqualTo("task.stopped Task failed ELB health checks"));
    }

    /**
     * One tolerance of each, flipped so that the steady state does not hold before the method: the run stops there
     * (the Chaos Toolkit's rule) and exits 1, in seconds rather than a whole run.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "seed-000-connection-limit | tolerance: { min: 2 }     | tolerance: { max: 1 }",
                "seed-001-cpu-stress       | tolerance: 0              | tolerance: { min: 1 }",
                "seed-003-autoscale        | tolerance: 1              | tolerance: 2",
                "seed-004-idle-timeout     | tolerance: { max: 1% }    | tolerance: { min: 50% }"
            })
    void withOneToleranceFlippedExitsOne(String name, String tolerance, String flipped) throws IOException {
        String shipped = BuiltIns.text(name).orElseThrow();
        assertThat(shipped).containsOnlyOnce(tolerance);
        Path file = write(name + "-flipped.yaml", shipped.replace(tolerance, flipped));
        Path json = dir.resolve(name + "-flipped.json");

        CliRun run = CliRun.of("experiment", "run", file.toString(), "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("status").asText()).isEqualTo("aborted");
        assertThat(StreamSupport.stream(result.path("probes").spliterator(), false)
                        .filter(p -> !p.path("held").asBoolean())
                        .map(p -> p.path("phase").asText()))
                .containsExactly("before");
        assertThat(run.out()).contains("verdict: aborted");
    }

    private JsonNode runHolding(String name, Path file) throws IOException {
        Path json = dir.resolve(name + ".json");

        CliRun run = CliRun.of("experiment", "run", file.toString(), "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("mode").asText()).isEqualTo("short");
        assertThat(StreamSupport.stream(result.path("actions").spliterator(), false)
                        .map(a -> a.path("ok").asBoolean()))
                .doesNotContain(false);
        assertThat(run.out()).contains("verdict: completed").contains("seed's figure");
        return result;
    }

    /** The shipped file, so that the run names it as a user's file would be named. */
    private Path builtIn(String name) throws IOException {
        return write(name + ".yaml", BuiltIns.text(name).orElseThrow());
    }

    private Path write(String fileName, String text) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, text);
        return file;
    }

    private static double figure(JsonNode result, String label) {
        return figureNode(result, label).path("gale").asDouble();
    }

    private static String seedOf(JsonNode result, String label) {
        return figureNode(result, label).path("seed").asText();
    }

    private static JsonNode figureNode(JsonNode result, String label) {
        return StreamSupport.stream(result.path("seed").path("figures").spliterator(), false)
                .filter(f -> f.path("label").asText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + label + " in " + result.path("seed")));
    }

    private static List<String> eventTypes(JsonNode result) {
        return StreamSupport.stream(result.path("events").spliterator(), false)
                .map(e -> e.path("type").asText())
                .toList();
    }
}
