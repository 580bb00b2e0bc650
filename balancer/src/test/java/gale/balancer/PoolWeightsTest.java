package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pool weights share a group's requests between pools (a service's revisions) whatever their numbers of targets: three
 * stable targets and one canary, the canary at 10% of the traffic, not 25%. A pool with no healthy target gets nothing
 * and its weight goes to the others; weights never fail a request.
 */
@ExtendWith(LeakCheck.class)
class PoolWeightsTest {
    private static final int REQUESTS = 2000;
    /** Checks slow enough that a busy machine never fails a healthy backend's (a timeout would close its connections). */
    private static final HealthCheckConfig CHECKS =
            new HealthCheckConfig(TestBackend.HEALTH_PATH, ms(500), ms(500), 2, 2, "200-399");

    private final List<TestBackend> backends = new ArrayList<>();
    private Balancer balancer;
    private TestBackend canary;

    @AfterEach
    void stop() throws Exception {
        balancer.close();
        for (TestBackend b : backends) {
            b.close();
        }
    }

    /** Three targets in pool "stable", one in pool "canary", all healthy. */
    private void start(Algorithm algorithm) throws Exception {
        balancer = Fixtures.start(new TargetGroupConfig("web", algorithm, CHECKS, ms(2000), Duration.ZERO, List.of()));
        for (int i = 1; i <= 3; i++) {
            TestBackend stable = TestBackend.start("stable-" + i);
            backends.add(stable);
            web().register("stable-" + i, stable.address(), "stable");
        }
        canary = TestBackend.start("canary");
        backends.add(canary);
        web().register("canary", canary.address(), "canary");
        awaitHealthy(4);
    }

    private void awaitHealthy(int count) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> web().targets().stream()
                                .filter(t -> t.state() == TargetState.HEALTHY)
                                .count()
                        == count);
    }

    private TargetGroup web() {
        return balancer.targetGroup("web");
    }

    /** Requests by the backend that answered, {@code count} of them, 50 in flight at a time; every one must be a 200. */
    private Map<String, Integer> send(int count) {
        Map<String, Integer> byBackend = new HashMap<>();
        for (int sent = 0; sent < count; sent += 50) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(50, count - sent); i++) {
                batch.add(CLIENT.sendAsync(request(balancer, "/").build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> r : batch) {
                HttpResponse<String> response = r.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                byBackend.merge(response.body(), 1, Integer::sum);
            }
        }
        return byBackend;
    }

    private static int stableTotal(Map<String, Integer> byBackend) {
        return byBackend.entrySet().stream()
                .filter(e -> e.getKey().startsWith("stable-"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aPoolTakesItsWeightOfTheRequestsWhateverItsNumberOfTargets(Algorithm algorithm) throws Exception {
        start(algorithm);
        web().setPoolWeights(Map.of("canary", 10, "stable", 90));

        Map<String, Integer> byBackend = send(REQUESTS);

        // Binomial(2000, 0.1): mean 200, standard deviation 13.4; 140-260 is more than 4 of them either way. Without
        // weights the canary would take a quarter (500).
        assertThat(byBackend.getOrDefault("canary", 0)).isBetween(140, 260);
        assertThat(stableTotal(byBackend)).isEqualTo(REQUESTS - byBackend.getOrDefault("canary", 0));
        if (algorithm == Algorithm.ROUND_ROBIN) {
            // Within its pool the algorithm still applies: the stable targets share their 90% evenly.
            for (int i = 1; i <= 3; i++) {
                assertThat(byBackend.get("stable-" + i)).isBetween(450, 750);
            }
        }
        assertThat(web().poolWeights()).containsExactlyInAnyOrderEntriesOf(Map.of("canary", 10, "stable", 90));
    }

    @Test
    void aPoolOfWeightZeroGetsNoRequestAndNoWeightsMeansAnEqualShareForEachTarget() throws Exception {
        start(Algorithm.ROUND_ROBIN);
        web().setPoolWeights(Map.of("canary", 0, "stable", 100));
        assertThat(send(400)).doesNotContainKey("canary");

        web().setPoolWeights(Map.of("canary", 100));
        assertThat(send(200)).containsOnlyKeys("canary");

        web().setPoolWeights(Map.of());
        // Round robin over four targets, one request at a time in batches: a quarter each, give or take.
        assertThat(send(400).get("canary")).isBetween(60, 140);
        assertThat(web().poolWeights()).isEmpty();
    }

    @Test
    void aPoolWithNoHealthyTargetGetsNoRequestItsWeightGoesToTheOthersAndNoRequestFails() throws Exception {
        start(Algorithm.ROUND_ROBIN);
        web().setPoolWeights(Map.of("canary", 50, "stable", 50));
        canary.healthStatus.set(500);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> web().targets().stream()
                        .anyMatch(t -> t.id().equals("canary") && t.state() == TargetState.UNHEALTHY));

        assertThat(send(300)).doesNotContainKey("canary");

        canary.healthStatus.set(200);
        awaitHealthy(4);
        assertThat(send(400).get("canary")).isBetween(140, 260);
    }

    @Test
    void whenNoWeightedPoolHasAHealthyTargetEveryHealthyTargetServes() throws Exception {
        start(Algorithm.ROUND_ROBIN);
        web().setPoolWeights(Map.of("canary", 100));
        canary.healthStatus.set(500);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> web().targets().stream()
                        .anyMatch(t -> t.id().equals("canary") && t.state() == TargetState.UNHEALTHY));

        Map<String, Integer> byBackend = send(300);

        assertThat(byBackend).doesNotContainKey("canary");
        assertThat(stableTotal(byBackend)).isEqualTo(300);
    }

    @Test
    void refusesANegativeWeightAndWeightsThatAreAllZero() throws Exception {
        start(Algorithm.ROUND_ROBIN);
        assertThatThrownBy(() -> web().setPoolWeights(Map.of("canary", -1, "stable", 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a weight of 0 or more");
        assertThatThrownBy(() -> web().setPoolWeights(Map.of("canary", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: at least one above 0");
        assertThat(web().poolWeights()).isEmpty();
    }
}
