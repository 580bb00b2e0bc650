package gale.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlanParserTest {

    private final PlanParser parser = new PlanParser();

    /** Every YAML example in docs/plan-file.md, so the docs cannot drift from the parser. */
    private static List<String> documentedExamples() throws IOException {
        String doc = Files.readString(Path.of("../docs/plan-file.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void parsesSeed000sJMeterTableAsWritten() throws IOException {
        String seed = documentedExamples().stream()
                .filter(s -> s.startsWith("# seed 000"))
                .findFirst()
                .orElseThrow();
        LoadPlan plan = parser.parse(seed);

        ExecutorSpec.RampingVus ramp =
                (ExecutorSpec.RampingVus) plan.scenarios().get(0).executor();
        assertThat(ramp.stages()).extracting(Stage::target).containsExactly(50L, 100L, 200L, 300L, 500L);
        assertThat(ramp.stages())
                .extracting(Stage::rampUp)
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(30));
        assertThat(ramp.stages().get(4).duration()).isEqualTo(Duration.ofSeconds(300));
        assertThat(plan.length()).isEqualTo(Duration.ofSeconds(180 * 4 + 300));
        assertThat(plan.maxVus()).isEqualTo(500);
        assertThat(plan.thresholds()).hasSize(1);
    }

    @Test
    void faultsKeepTheirOffsetAndPassTheRestToTheControlPlane() throws IOException {
        LoadPlan plan = documentedExamples().stream()
                .filter(s -> s.contains("faults:"))
                .map(parser::parse)
                .findFirst()
                .orElseThrow();

        assertThat(plan.faults()).hasSize(2);
        assertThat(plan.faults().get(1).kind()).isEqualTo("http-error");
        FaultStep step = plan.faults().get(0);
        assertThat(step.at()).isEqualTo(Duration.ofSeconds(30));
        assertThat(step.kind()).isEqualTo("task-hang");
        assertThat(step.body().toString())
                .isEqualTo("{\"kind\":\"task-hang\",\"service\":\"web\",\"count\":1,\"duration\":\"10s\"}");
    }

    @Test
    void aFaultWithoutAKindIsRefusedNamingIt() {
        String plan =
                "scenarios: { a: { executor: constant-vus, vus: 1, duration: 1s, requests: [ \"http://x/\" ] } }\n"
                        + "faults: [ { at: 1s, duration: 2s } ]\n";

        assertThatThrownBy(() -> parser.parse(plan))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("faults[0].kind: missing");
    }

    @Test
    void parsesEveryExampleInTheDocs() throws IOException {
        List<String> examples = documentedExamples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        for (String example : examples) {
            assertThat(parser.parse(example, Path.of("..", "examples", "load")).scenarios())
                    .isNotEmpty();
        }
        LoadPlan full = parser.parse(examples.get(1));
        assertThat(full.scenarios())
                .extracting(s -> s.executor().type())
                .containsExactly(
                        "constant-vus",
                        "ramping-arrival-rate",
                        "constant-arrival-rate",
                        "per-vu-iterations",
                        "shared-iterations",
                        "externally-controlled");
        Scenario browse = full.scenarios().get(0);
        assertThat(browse.think()).isEqualTo(Duration.ofSeconds(1));
        assertThat(browse.tags()).containsEntry("team", "web").containsEntry("env", "lab");
        assertThat(browse.requests().get(1).body()).isEqualTo("{\"num\":42}");
        assertThat(browse.requests().get(1).checks().status()).containsExactlyInAnyOrder(200, 201);
        assertThat(full.thresholds())
                .anyMatch(t -> t.abortOnFail() && t.metric().equals("http_req_failed"));
        assertThat(full.thresholds()).anyMatch(t -> t.tags().containsKey("scenario"));
        assertThat(full.scenarios().get(3).requests().get(0).url().toString()).isEqualTo("http://127.0.0.1:8080/");
    }

    @Test
    void holdMeansAfterTheRampUp() {
        LoadPlan plan = parser.parse("""
                scenarios:
                  s:
                    executor: ramping-vus
                    stages: [{ users: 50, rampUp: 10s, hold: 180s }]
                    requests: [http://localhost/]
                """);
        Stage s = plan.scenarios().get(0).executor().stages().get(0);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(190));
    }

    @Test
    void namesTheFieldOfEveryBadValue() {
        String base = """
                scenarios:
                  jmeter:
                    executor: ramping-vus
                    stages:
                      - { target: 5, duration: 10s }
                      - { target: 5, duration: 10s }
                      - { target: %s, duration: %s }
                    requests: [%s]
                """;
        assertThatThrownBy(() -> parser.parse(base.formatted("-5", "10s", "http://localhost/")))
                .isInstanceOf(PlanException.class)
                .hasMessage("scenarios.jmeter.stages[2].target: -5 (expected: >= 0)");
        assertThatThrownBy(() -> parser.parse(base.formatted("5", "10x", "http://localhost/")))
                .hasMessageStartingWith("scenarios.jmeter.stages[2].duration: '10x' (expected: a duration");
        assertThatThrownBy(() -> parser.parse(base.formatted("5", "10s", "ftp://localhost/")))
                .hasMessageContaining("scenarios.jmeter.requests[0]")
                .hasMessageContaining("http://");
    }

    @Test
    void rejectsUnknownKeysExecutorsAndSyntax() {
        assertThatThrownBy(() -> parser.parse("scenarios:\n  a:\n    executor: constant-vus\n    vu: 3\n"))
                .hasMessageStartingWith("scenarios.a.vu: unknown key (expected one of:");
        assertThatThrownBy(() -> parser.parse("scenarios:\n  a:\n    executor: ramping-vu\n"))
                .hasMessageStartingWith("scenarios.a.executor: 'ramping-vu' (expected: constant-arrival-rate");
        assertThatThrownBy(() -> parser.parse("scenarios:\n  a:\n    executor: constant-vus\n    duration: 1s\n"))
                .hasMessageContaining("requests");
        assertThatThrownBy(() -> parser.parse("scenarios: [\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("line ");
        assertThatThrownBy(() -> parser.parse("""
                scenarios:
                  a: { executor: constant-vus, duration: 1s, requests: [http://localhost/] }
                thresholds:
                  http_req_duration: ["p95<500"]
                """))
                .hasMessageContaining("thresholds.http_req_duration[0]")
                .hasMessageContaining("p95<500");
        assertThatThrownBy(() -> parser.parse(Path.of("no-such-plan.yaml")))
                .hasMessage("no-such-plan.yaml: no such file");
    }

    @Test
    void externallyControlledTakesK6sOptionsAndRefusesWhatItCannotDo() {
        String plan = """
                scenarios:
                  live: { executor: externally-controlled, %s, requests: [http://localhost/] }
                """;
        ExecutorSpec.ExternallyControlled e =
                (ExecutorSpec.ExternallyControlled) parser.parse(plan.formatted("vus: 2, maxVUs: 20, duration: 0"))
                        .scenarios()
                        .get(0)
                        .executor();
        assertThat(e.vus()).isEqualTo(2);
        assertThat(e.maxVus()).isEqualTo(20);
        assertThat(e.length()).isEqualTo(ExecutorSpec.ExternallyControlled.UNTIL_STOPPED);
        ExecutorSpec defaults =
                parser.parse(plan.formatted("duration: 1m")).scenarios().get(0).executor();
        assertThat(defaults).isEqualTo(new ExecutorSpec.ExternallyControlled(1, 1, Duration.ofMinutes(1)));

        assertThatThrownBy(() -> parser.parse(plan.formatted("vus: 5, maxVUs: 3, duration: 1m")))
                .hasMessage("scenarios.live.vus: 5 (expected: <= maxVUs (3))");
        assertThatThrownBy(() -> parser.parse(plan.formatted("vus: 2")))
                .hasMessageStartingWith("scenarios.live.duration: missing");
        assertThatThrownBy(() -> parser.parse(plan.formatted("duration: 1m, rate: 5")))
                .hasMessageStartingWith("scenarios.live.rate: unknown key");
        assertThatThrownBy(() -> parser.parse("""
                scenarios:
                  a: { executor: externally-controlled, duration: 0, requests: [http://localhost/] }
                  b: { executor: externally-controlled, duration: 0, requests: [http://localhost/] }
                """)).hasMessageContaining("at most one");
    }
}
