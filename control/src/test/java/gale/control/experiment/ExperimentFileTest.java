package gale.control.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import gale.control.experiment.file.ExperimentFile;
import gale.control.stack.StackFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment files: short and full from one file, every error placed at file:line:field, the schema in docs/. */
class ExperimentFileTest {

    private static final Path SCHEMA = Path.of("..", "docs", "experiment.schema.json");
    private static final Path DOC = Path.of("..", "docs", "experiments.md");

    @Test
    void builtInsParseInBothModesAndTheirDurationsDiffer() {
        for (String name : BuiltIns.NAMES) {
            Experiment shortRun = BuiltIns.resolve(name, Mode.SHORT);
            Experiment fullRun = BuiltIns.resolve(name, Mode.FULL);
            assertThat(shortRun.title()).isNotBlank();
            assertThat(shortRun.method().load()).isPresent();
            assertThat(fullRun.method().load().orElseThrow().planJson())
                    .isNotEqualTo(shortRun.method().load().orElseThrow().planJson());
        }
    }

    @Test
    void shortOrFullPicksOneSideAnywhereInTheFile() {
        String text = """
                title: t
                steady-state:
                  probes:
                    - { name: p, type: error-rate, tolerance: { max: { short: 1%, full: 2% } } }
                method:
                  load:
                    scenarios:
                      s: { executor: constant-vus, vus: { short: 1, full: 7 }, duration: 5s, requests: [ / ] }
                  actions:
                    - { at: { short: 5s, full: 150s }, wait: 1s }
                """;
        Experiment shortRun = ExperimentFile.parse("t", "t.yaml", text, null, Mode.SHORT);
        Experiment fullRun = ExperimentFile.parse("t", "t.yaml", text, null, Mode.FULL);

        assertThat(shortRun.hypothesis()
                        .probes()
                        .getFirst()
                        .tolerance(Phase.BEFORE)
                        .orElseThrow()
                        .max())
                .isEqualTo(0.01);
        assertThat(fullRun.hypothesis()
                        .probes()
                        .getFirst()
                        .tolerance(Phase.BEFORE)
                        .orElseThrow()
                        .max())
                .isEqualTo(0.02);
        assertThat(shortRun.method().actions().getFirst().at()).contains(Duration.ofSeconds(5));
        assertThat(fullRun.method().actions().getFirst().at()).contains(Duration.ofSeconds(150));
        assertThat(fullRun.method().load().orElseThrow().planJson()).contains("\"vus\":7");
    }

    @Test
    void phasesTakeTheProbesToleranceTheirOwnOrNone() {
        String text = """
                title: t
                steady-state:
                  probes:
                    - name: p
                      type: healthy-targets
                      tolerance: [2, 3]
                      during: { min: 1 }
                      after: false
                """;
        Probe probe = ExperimentFile.parse("t", "t.yaml", text, null, Mode.SHORT)
                .hypothesis()
                .probes()
                .getFirst();

        assertThat(probe.tolerance(Phase.BEFORE)).contains(new Tolerance(2.0, 3.0));
        assertThat(probe.tolerance(Phase.DURING)).contains(new Tolerance(1.0, null));
        assertThat(probe.tolerance(Phase.AFTER)).isEmpty();
    }

    @Test
    void badInputNamesFileLineAndField() {
        assertError("title: t\nsteady-state:\n  probes:\n    - { name: p, type: error-rat }\n", 4, "type");
        assertError(
                "title: t\nmethod:\n  actions:\n    - { at: 5s, scael: { service: web, count: 2 } }\n",
                4,
                "method.actions[0]");
        assertError(
                "title: t\nsteady-state:\n  probes:\n    - { name: p, type: latency, tolerance: { max: fast } }\n",
                4,
                "max");
        assertError(
                "title: t\nmethod:\n  faults:\n    - { at: 1s, kind: task-hang, duration: 5s, signal: KILL }\n",
                4,
                "method.faults[0]");
        assertError(
                "title: t\nmethod:\n  load:\n    scenarios:\n      s: { executor: constant-vu }\n",
                5,
                "method.load.scenarios.s.executor");
        assertError("title: t\nsteady-state:\n  recovry: 10s\n", 3, "steady-state.recovry");
        assertError("title: t\nrollbacks:\n  - deploy: { service: web, strategy: rollin }\n", 3, "rollbacks[0].deploy");
        assertThatThrownBy(() -> ExperimentFile.parse("t", "t.yaml", "description: no title\n", null, Mode.SHORT))
                .isInstanceOf(StackFileException.class)
                .hasMessageContaining("title: missing");
    }

    @Test
    void aTrafficProbeDuringTheMethodNeedsALoad() {
        assertThatThrownBy(() -> ExperimentFile.parse(
                        "t",
                        "t.yaml",
                        "title: t\nsteady-state:\n  probes:\n    - { name: p, type: error-rate, tolerance: 0 }\n",
                        null,
                        Mode.SHORT))
                .isInstanceOf(StackFileException.class)
                .hasMessageContaining("method.load");
    }

    @Test
    void stackAndPlanFilesAreFoundBesideTheExperiment(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), "services:\n  web: { desiredCount: 1 }\n");
        Files.writeString(
                dir.resolve("plan.yaml"),
                "scenarios:\n  s: { executor: constant-vus, vus: 1, duration: 2s, requests: [ /health ] }\n");
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "title: t\nstack: stack.yaml\nmethod:\n  load: plan.yaml\n");

        Experiment e = ExperimentFile.load(file, Mode.SHORT);

        assertThat(((StackSource.Started) e.stack())
                        .config()
                        .services()
                        .get("web")
                        .desiredCount())
                .isEqualTo(1);
        assertThat(e.method().load().orElseThrow().planJson()).contains("/health");
    }

    @Test
    void builtInsAndTheDocsExampleFollowTheSchema() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
        for (String name : BuiltIns.NAMES) {
            assertThat(problems(schema, BuiltIns.text(name).orElseThrow()))
                    .as(name)
                    .isEmpty();
        }
        assertThat(problems(schema, DocExample.text(DOC, "hung-task"))).isEmpty();
        assertThat(problems(schema, "title: t\nsteady-state:\n  probs: []\n")).isNotEmpty();
        assertThat(problems(schema, "title: t\nmethod:\n  actions:\n    - { at: 1s, scael: {} }\n"))
                .isNotEmpty();
    }

    private static List<String> problems(Schema schema, String yaml) throws IOException {
        JsonNode doc = new YAMLMapper().readTree(yaml);
        return schema.validate(new ObjectMapper().writeValueAsString(doc), InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + " " + e.getMessage())
                .toList();
    }

    private static void assertError(String text, int line, String field) {
        assertThatThrownBy(() -> ExperimentFile.parse("e", "e.yaml", text, null, Mode.SHORT))
                .isInstanceOf(StackFileException.class)
                .satisfies(e -> {
                    StackFileException s = (StackFileException) e;
                    assertThat(s.file()).isEqualTo("e.yaml");
                    assertThat(s.line()).as(s.getMessage()).isEqualTo(line);
                    assertThat(s.field()).as(s.getMessage()).contains(field);
                });
    }
}
