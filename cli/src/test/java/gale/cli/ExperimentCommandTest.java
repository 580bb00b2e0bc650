package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.experiment.DocExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gale experiment run} with a file of the user's: the docs' example as written, and bad input. The built-in
 * ones: {@link ExperimentBuiltInsTest}.
 */
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

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
