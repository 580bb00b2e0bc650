package gale.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFlagsTest {

    private static PlanFlags flags(String url, Integer vus, String duration, Long rps, String stages, List<String> th) {
        return new PlanFlags(
                url, null, vus, duration, rps, null, stages, null, null, null, null, null, th, null, null, null);
    }

    @Test
    void vusAndDurationMakeConstantVus() {
        LoadPlan plan =
                flags("http://localhost:8080/", 10, "30s", null, null, null).toPlan();
        assertThat(plan.scenarios().get(0).executor())
                .isEqualTo(new ExecutorSpec.ConstantVus(10, Duration.ofSeconds(30)));
    }

    @Test
    void rpsMakesConstantArrivalRate() {
        var e = (ExecutorSpec.ConstantArrivalRate) flags("http://localhost/", null, "5s", 1000L, null, null)
                .toPlan()
                .scenarios()
                .get(0)
                .executor();
        assertThat(e.rate()).isEqualTo(1000);
        assertThat(e.maxVUs()).isGreaterThanOrEqualTo(e.preAllocatedVUs());
    }

    @Test
    void stagesMakeRampingVus() {
        var e = (ExecutorSpec.RampingVus) flags("http://localhost/", null, null, null, "10s:50,180s:50,10s:100", null)
                .toPlan()
                .scenarios()
                .get(0)
                .executor();
        assertThat(e.stages()).extracting(Stage::target).containsExactly(50L, 50L, 100L);
        assertThat(e.length()).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void rejectsBadInputNamingTheFlag() {
        assertThatThrownBy(
                        () -> flags("localhost:8080", 1, "1s", null, null, null).toPlan())
                .hasMessageStartingWith("URL: 'localhost:8080' (expected: an absolute http:// or https:// URL");
        assertThatThrownBy(() -> flags("http://localhost/", 1, "3 days", null, null, null)
                        .toPlan())
                .hasMessageStartingWith("--duration: '3 days'");
        assertThatThrownBy(() ->
                        flags("http://localhost/", 0, "1s", null, null, null).toPlan())
                .hasMessage("--vus: 0 (expected: > 0)");
        assertThatThrownBy(() -> flags("http://localhost/", null, null, null, "10s:50,oops", null)
                        .toPlan())
                .hasMessage("--stages[1]: 'oops' (expected: DURATION:TARGET like 30s:50)");
        assertThatThrownBy(() -> flags("http://localhost/", 1, "1s", null, null, List.of("http_req_duration p(95)<5"))
                        .toPlan())
                .isInstanceOf(PlanException.class);
        assertThatThrownBy(() -> flags(null, 1, "1s", null, null, null).toPlan())
                .hasMessageStartingWith("URL: missing");
    }
}
