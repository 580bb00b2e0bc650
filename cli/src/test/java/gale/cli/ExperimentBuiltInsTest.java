package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.experiment.BuiltIns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Built-in experiments end to end in their short mode (a real stack of reference-app processes on ephemeral ports,
 * loaded, failed and stopped): each holds, with the seed's figures beside Gale's, and exits 1 with one tolerance
 * flipped. The ones in {@link #FLIPS} here; a built-in with checks of its own may have its own test class instead.
 */
class ExperimentBuiltInsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** For each built-in run here, one tolerance of its shipped file and the claim that contradicts the seed. */
    static final Map<String, Flip> FLIPS = Map.of(
            // The seed saw requests fail with one task; claim none fail.
            "seed-002-failover", new Flip("during: { min: 0.5% }", "during: { max: 0 }"));

    static final List<String> NAMES = List.copyOf(new TreeSet<>(FLIPS.keySet()));

    record Flip(String shipped, String flipped) {}

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
    void everyBuiltInRunHereShipsWithGale() {
        assertThat(BuiltIns.NAMES).containsAll(FLIPS.keySet());
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void holdsInShortModeWithTheSeedsFiguresBesideGales(String name) throws IOException {
        Path json = dir.resolve("result.json");
        Path report = dir.resolve("report.html");

        CliRun run = CliRun.of("experiment", "run", name, "--json", json.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("mode").asText()).isEqualTo("short");
        assertThat(result.path("probes"))
                .allSatisfy(p ->
                        assertThat(p.path("held").asBoolean()).as(p.toString()).isTrue());
        assertThat(result.path("seed").path("figures")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("seed").asText()).isNotBlank();
            assertThat(f.path("gale").isNumber()).as(f.toString()).isTrue();
        });
        assertThat(StreamSupport.stream(result.path("actions").spliterator(), false)
                        .filter(a -> !a.path("ok").asBoolean()))
                .isEmpty();
        assertThat(result.path("events")).isNotEmpty();
        assertThat(Files.readString(report)).contains("id=\"probes\"", "id=\"figures\"", "gale-data");
        assertThat(run.out()).contains("verdict: completed");
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void exitsOneWithOneToleranceFlipped(String name) throws IOException {
        Flip flip = FLIPS.get(name);
        String shipped = BuiltIns.text(name).orElseThrow();
        assertThat(shipped).contains(flip.shipped());
        Path file = dir.resolve(name + "-flipped.yaml");
        Files.writeString(file, shipped.replace(flip.shipped(), flip.flipped()));
        Path json = dir.resolve("result.json");

        CliRun run = CliRun.of("experiment", "run", file.toString(), "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("held").asBoolean()).isFalse();
        assertThat(result.path("probes"))
                .anySatisfy(p -> assertThat(p.path("held").asBoolean()).isFalse());
        assertThat(run.out()).containsPattern("verdict: (deviated|aborted)");
    }
}
