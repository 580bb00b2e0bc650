package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deployments of the default stack scaled to 4 tasks of the reference app, each under 200 virtual users of the load
 * engine, through {@code gale deploy --wait} and {@code gale rollback --wait}: no request fails, and every task runs
 * the revision deployed at the end. One stack serves every case, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentsUnderLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 4;
    /** The default stack (examples/default.yaml) at 4 tasks, with short canary and linear steps. */
    private static final String STACK = """
            listeners: [ { port: 0, defaultTargetGroup: web } ]
            targetGroups:
              web:
                healthCheck: { path: /health, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2 }
            services:
              web:
                desiredCount: 4
                targetGroup: web
                deployment:
                  steps:
                    - setWeight: 25
                    - analysis: { interval: 2s, count: 2, maxErrorRate: 0.05, maxLatency: 10s, minRequests: 20 }
                    - pause: { duration: 1s }
                  stepPercent: 50
                  stepBakeTime: 2s
                  bakeTime: 2s
            """;

    @TempDir
    static Path stateRoot;

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = DeployUnderLoad.startStack("deployments.yaml", STACK, stateRoot, TASKS);
    }

    @AfterAll
    static void stop() {
        DeployUnderLoad.stopStack(stack);
    }

    @Test
    @Order(1)
    void rollingDeployFailsNoRequestAndLetsLongRequestsFinish() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = slowRequests(8);

        Outcome outcome = deployUnderLoad("deploy", "web", "--env", "COLOR=blue", "--strategy", "rolling", "--wait");
        report("rolling", outcome);

        assertThat(outcome.run().exitCode()).as(outcome.run().err()).isZero();
        assertThat(outcome.failed()).as(outcome.failures()).isZero();
        // A busy machine can time a health check out just after the end: wait for it to pass again.
        await().atMost(Duration.ofSeconds(30)).until(() -> healthyRevisions().size() == TASKS);
        assertThat(healthyRevisions()).containsOnly(2);
        assertThat(whoamiRevision()).isEqualTo(2);
        for (CompletableFuture<HttpResponse<String>> request : slow) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void rollbackIsADeploymentThatFailsNoRequest() throws Exception {
        Outcome outcome = deployUnderLoad("rollback", "web", "--wait");
        report("rollback", outcome);

        assertThat(outcome.run().exitCode()).as(outcome.run().err()).isZero();
        assertThat(outcome.failed()).as(outcome.failures()).isZero();
        assertThat(healthyRevisions()).containsOnly(1).hasSize(TASKS);
    }

    @ParameterizedTest(name = "{0}")
    @Order(3)
    @CsvSource({"canary, 3", "linear, 4", "blue-green, 5"})
    void eachStrategyDeploysWithNoFailedRequest(String strategy, int revision) {
        Outcome outcome =
                deployUnderLoad("deploy", "web", "--env", "COLOR=" + strategy, "--strategy", strategy, "--wait");
        report(strategy, outcome);

        assertThat(outcome.run().exitCode()).as(outcome.run().err()).isZero();
        assertThat(outcome.failed()).as(outcome.failures()).isZero();
        assertThat(healthyRevisions()).containsOnly(revision).hasSize(TASKS);
    }

    @Test
    @Order(4)
    void unhealthyRevisionTripsTheCircuitBreakerWhichRollsBackByItself() throws Exception {
        Outcome outcome = deployUnderLoad("deploy", "web", "--env", "GALE_APP_FAULT=unhealthy", "--wait");
        report("circuit breaker and rollback", outcome);

        assertThat(outcome.run().exitCode()).isEqualTo(1);
        assertThat(outcome.run().out())
                .contains("FAILED")
                .contains("circuit breaker: ")
                .contains("Rollback of deployment");
        assertThat(outcome.failed()).as(outcome.failures()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> healthyRevisions().size() == TASKS);
        assertThat(healthyRevisions()).containsOnly(5);
    }

    private record Outcome(CliRun run, long requests, long failed, String failures, Duration took) {}

    private static Outcome deployUnderLoad(String... command) {
        try (DeployUnderLoad load = DeployUnderLoad.start(stack)) {
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> true);
            long start = System.nanoTime();
            CliRun run = gale(command);
            Duration took = DeployUnderLoad.elapsed(start);
            return new Outcome(run, load.requests(), load.failed(), load.failures(), took);
        }
    }

    private static void report(String what, Outcome outcome) {
        System.out.printf(
                "deployment %s, %d tasks under %d VUs: %d requests, %d failed, took %.1f s%n%s%n",
                what,
                TASKS,
                DeployUnderLoad.VUS,
                outcome.requests(),
                outcome.failed(),
                outcome.took().toMillis() / 1e3,
                outcome.run().out());
    }

    private static List<CompletableFuture<HttpResponse<String>>> slowRequests(int count) {
        HttpClient client = HttpClient.newHttpClient();
        URI slow = stack.listenerUrl(0).resolve("/delay?ms=5000");
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> client.sendAsync(
                        HttpRequest.newBuilder(slow)
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
    }

    private static int whoamiRevision() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(
                            HttpRequest.newBuilder(stack.listenerUrl(0).resolve("/whoami"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return JSON.readTree(body).path("revision").asInt();
        }
    }

    private static List<Integer> healthyRevisions() {
        return DeployUnderLoad.healthyRevisions(stack);
    }

    private static CliRun gale(String... args) {
        return CliRun.against(stack.adminPort(), stateRoot, args);
    }
}
