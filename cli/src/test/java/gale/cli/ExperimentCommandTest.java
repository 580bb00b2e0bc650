package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.experiment.BuiltIns;
import gale.control.experiment.DocExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gale experiment}, end to end: each run starts a real stack (reference-app tasks as processes) on ephemeral
 * ports, loads it, acts on it, and stops it.
 */
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void listShowsEveryBuiltInWithItsTitle() {
        CliRun run = CliRun.of("experiment", "list");

        assertThat(run.exitCode()).isZero();
        for (String name : BuiltIns.NAMES) {
            assertThat(run.out()).containsPattern("(?m)^" + name + " +\\S");
        }
        assertThat(run.out()).contains("seed-002-failover").contains("Seed 002");
    }

    @Test
    void seed002HoldsInShortModeWithTheSeedsFiguresBesideGales() throws IOException {
        Path json = dir.resolve("result.json");
        Path report = dir.resolve("report.html");

        CliRun run = CliRun.of(
                "experiment", "run", "seed-002-failover", "--json", json.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("mode").asText()).isEqualTo("short");
        JsonNode oneTask = probe(result, "one task: requests fail until the replacement is healthy", "during");
        assertThat(oneTask.path("value").asDouble()).isGreaterThan(0.005);
        assertThat(probe(result, "two tasks: no request fails when one is stopped", "during")
                        .path("value")
                        .asDouble())
                .isZero();
        assertThat(result.path("seed").path("figures")).hasSize(6);
        assertThat(result.path("seed").path("figures").get(0).path("seed").asText())
                .startsWith("45.10%");
        assertThat(StreamSupport.stream(result.path("actions").spliterator(), false)
                        .map(a -> a.path("part").asText() + " " + a.path("ok").asBoolean()))
                .containsOnly("method true", "rollback true");
        assertThat(StreamSupport.stream(result.path("events").spliterator(), false)
                        .map(e -> e.path("type").asText()))
                .contains("task.stopped", "service.scaled", "target.healthy");
        String html = Files.readString(report);
        assertThat(html).contains("id=\"probes\"", "id=\"figures\"", "45.10% (1353 of 3000)", "gale-data");
        assertThat(run.out()).contains("verdict: completed");
    }

    @Test
    void seed002WithOneToleranceFlippedExitsOne() throws IOException {
        String shipped = BuiltIns.text("seed-002-failover").orElseThrow();
        // The seed saw requests fail with one task; claim that none fail, and the run must say the claim is false.
        String flipped = shipped.replace("during: { min: 0.5% }", "during: { max: 0 }");
        assertThat(flipped).isNotEqualTo(shipped);
        Path file = dir.resolve("seed-002-flipped.yaml");
        Files.writeString(file, flipped);
        Path json = dir.resolve("result.json");

        CliRun run = CliRun.of("experiment", "run", file.toString(), "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("status").asText()).isEqualTo("deviated");
        JsonNode oneTask = probe(result, "one task: requests fail until the replacement is healthy", "during");
        assertThat(oneTask.path("held").asBoolean()).isFalse();
        assertThat(run.out()).contains("verdict: deviated");
    }

    @Test
    void theExampleInTheDocsRunsAsWritten() throws IOException {
        Path file = dir.resolve("hung-task.yaml");
        Files.writeString(file, DocExample.text(Path.of("..", "docs", "experiments.md"), "hung-task"));
        Path json = dir.resolve("result.json");

        CliRun run = CliRun.of("experiment", "run", file.toString(), "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(StreamSupport.stream(result.path("actions").spliterator(), false)
                        .map(a -> a.path("part").asText()))
                .contains("fault", "rollback");
        assertThat(StreamSupport.stream(result.path("events").spliterator(), false)
                        .map(e -> e.path("type").asText()))
                .contains("fault.started", "fault.ended");
        JsonNode targets = probe(result, "two healthy targets, never none", "during");
        assertThat(targets.path("samples").size()).isGreaterThan(5);
    }

    @Test
    void badInputExitsTwoNamingFileLineAndField() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(
                file,
                "title: bad\nsteady-state:\n  probes:\n    - name: p\n      type: error-rate\n      tolerance: { mx: 1% }\n");

        CliRun run = CliRun.of("experiment", "run", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":6:").contains("steady-state.probes[0].tolerance.mx");
        assertThat(run.err()).contains("did you mean max?");

        CliRun missing = CliRun.of("experiment", "run", "seed-999-nothing");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("seed-002-failover");
    }

    private static JsonNode probe(JsonNode result, String name, String phase) {
        return StreamSupport.stream(result.path("probes").spliterator(), false)
                .filter(p -> p.path("name").asText().equals(name)
                        && p.path("phase").asText().equals(phase))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + phase + " check of " + name + " in " + result));
    }
}
