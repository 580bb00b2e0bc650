package gale.loadgen.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanException;
import gale.loadgen.plan.PlanParser;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plan's steps: what is accepted, and errors that name the field. */
class JourneyParserTest {

    private static final String HEAD = """
            scenarios:
              s:
                executor: shared-iterations
                steps:
            """;

    private static LoadPlan parse(String steps) {
        return new PlanParser().parse(HEAD + steps.indent(6));
    }

    @Test
    void stepsBecomeAJourneyWhoseRequestsAreTheScenariosRequests() {
        LoadPlan plan = parse("""
                - POST http://127.0.0.1:9/a
                - name: b
                  url: http://127.0.0.1:9/b/${id}?q=${q}
                - group: g
                  steps:
                    - think: {poisson: {mean: 10ms}}
                    - batch: [http://127.0.0.1:9/c, {name: d, url: http://127.0.0.1:9/d}]
                """);

        Journey j = plan.scenarios().getFirst().journey();
        assertThat(j.requests())
                .extracting(StepRequest::name)
                .containsExactly("POST http://127.0.0.1:9/a", "b", "GET http://127.0.0.1:9/c", "d");
        assertThat(plan.scenarios().getFirst().requests()).isEqualTo(j.shapes());
        assertThat(j.groups()).containsExactly("g");
        assertThat(j.requests().get(1).target().render(Map.of("id", "7", "q", "x")))
                .isEqualTo("/b/7?q=x");
        assertThat(j.requests().get(1).shape().url().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aVariableInTheHostIsRefused() {
        assertThatThrownBy(() -> parse("- http://${host}:9/a"))
                .isInstanceOf(PlanException.class)
                .hasMessage("scenarios.s.steps[0]: 'http://${host}:9/a' (expected: variables only after the host:"
                        + " http://host:port/path/${var})");
    }

    @Test
    void unknownFeedersKeysAndCapturesAreRefusedByPath() {
        assertThatThrownBy(() -> parse("- feed: nope"))
                .hasMessageStartingWith("scenarios.s.steps[0].feed: 'nope' (expected: a feeder declared");
        assertThatThrownBy(() -> parse("- {url: http://127.0.0.1:9/, capture: {x: {xpath: /a}}}"))
                .hasMessageStartingWith("scenarios.s.steps[0].capture.x.xpath: unknown key");
        assertThatThrownBy(() -> parse("- {url: http://127.0.0.1:9/, capture: {x: {json: code}}}"))
                .hasMessageContaining("capture.x: 'code' (expected: a JSON path like $.code");
        assertThatThrownBy(() -> parse("- {url: 'http://127.0.0.1:9/${x', name: a}"))
                .hasMessageContaining("(expected: ${name} closed by })");
        assertThatThrownBy(() -> parse("- {think: {uniform: {min: 2s, max: 1s}}}"))
                .hasMessageContaining("think.uniform: max PT1S below min PT2S (expected: min <= max)");
    }

    @Test
    void requestsAndStepsTogetherAreRefused() {
        assertThatThrownBy(() -> new PlanParser().parse("""
                        scenarios:
                          s:
                            executor: shared-iterations
                            requests: [http://127.0.0.1:9/]
                            steps: [http://127.0.0.1:9/]
                        """))
                .hasMessageStartingWith("scenarios.s.steps: given with requests");
    }

    @Test
    void thinkTimesFollowTheirDistributions() {
        SplittableRandom random = new SplittableRandom(11);
        ThinkTime uniform = new ThinkTime(
                ThinkTime.Distribution.UNIFORM, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(300));
        ThinkTime poisson = new ThinkTime(ThinkTime.Distribution.POISSON, java.time.Duration.ofMillis(200), null);
        ThinkTime normal = new ThinkTime(
                ThinkTime.Distribution.NORMAL, java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(20));
        double u = 0;
        double p = 0;
        double n = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            long x = uniform.nextNanos(random);
            assertThat(x).isBetween(100_000_000L, 300_000_000L);
            u += x;
            p += poisson.nextNanos(random);
            n += normal.nextNanos(random);
        }
        assertThat(u / draws / 1e6).isBetween(195.0, 205.0);
        assertThat(p / draws / 1e6).isBetween(192.0, 208.0);
        assertThat(n / draws / 1e6).isBetween(199.0, 201.0);
    }

    @Test
    void conditionsCompareRenderedText() {
        assertThat(Condition.parse("${a}").test(Map.of("a", "x"))).isTrue();
        assertThat(Condition.parse("${a}").test(Map.of())).isFalse();
        assertThat(Condition.parse("${a} == 'x y'").test(Map.of("a", "x y"))).isTrue();
        assertThat(Condition.parse("${a} != x").test(Map.of("a", "x"))).isFalse();
    }
}
