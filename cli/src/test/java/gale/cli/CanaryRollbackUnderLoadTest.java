package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.Stack;
import gale.control.events.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad revision ({@code GALE_APP_FAULT=errors:0.3}: 30% of its answers are 500s, its health checks pass) deployed at
 * a real weight of 10% beside 4 stable tasks, under 200 virtual users: the canary's analysis, or a linear deployment's
 * alarm, rolls it back, and the requests that failed are about 10% × 30% of those sent while it took traffic (not the
 * 6% its one task of five would have drawn without weights). Then blue-green's test listener: it serves only the new
 * revision while the deployment runs. One stack serves every case, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CanaryRollbackUnderLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 4;
    private static final double CANARY_SHARE = 0.10;
    private static final double ERROR_RATE = 0.30;
    /**
     * The analysis decides after one 3-second window of the canary's requests; the alarm needs two 4-second periods of
     * more than 10 5xx each, so it can trip only once the analysis has decided (either may roll a canary back), and a
     * linear step of 60 s trips it for sure.
     */
    private static final String STACK = """
            listeners:
              - { port: 0, defaultTargetGroup: web }
              - { port: 0, defaultTargetGroup: web-test }
            targetGroups:
              web:
                healthCheck: { path: /health, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2 }
              web-test:
                healthCheck: { path: /health, interval: 1s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2 }
            services:
              web:
                desiredCount: 4
                targetGroup: web
                deployment:
                  steps:
                    - setWeight: 10
                    - analysis: { interval: 3s, count: 2, maxErrorRate: 0.05, maxLatency: 10s, minRequests: 20 }
                  stepPercent: 10
                  stepBakeTime: 60s
                  bakeTime: 3s
                  alarms: { names: [web-5xx], rollback: true }
                  testTargetGroup: web-test
            alarms:
              web-5xx:
                metric: http_5xx_count
                targetGroup: web
                statistic: Sum
                period: 4s
                evaluationPeriods: 2
                threshold: 10
                treatMissingData: notBreaching
            """;

    @TempDir
    static Path stateRoot;

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = DeployUnderLoad.startStack("canary.yaml", STACK, stateRoot, TASKS);
    }

    @AfterAll
    static void stop() {
        DeployUnderLoad.stopStack(stack);
    }

    @Test
    @Order(1)
    void aCanaryAtTenPercentAnswering30PercentErrorsIsRolledBackByItsAnalysis() {
        long before = lastEventId();
        Canary canary = deployUnderLoad("deploy", "web", "--env", "GALE_APP_FAULT=errors:0.3", "--strategy", "canary");

        assertThat(canary.run().exitCode()).isEqualTo(1);
        assertThat(canary.run().out()).containsAnyOf("analysis failed: error rate", "alarm web-5xx");
        assertThat(canary.run().out()).contains("Rollback of deployment");
        List<Event> events = deploymentEvents(before);
        assertThat(events).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        assertThat(events)
                .extracting(Event::type)
                .containsSubsequence(
                        "deployment.started",
                        "deployment.traffic",
                        "deployment.step",
                        "deployment.traffic",
                        "deployment.analysis",
                        "deployment.failed",
                        "deployment.traffic",
                        "deployment.started",
                        "deployment.completed");
        assertThat(events)
                .anyMatch(e -> e.reason().contains("gets 10% of the traffic, revision 1 90%"))
                .anyMatch(e ->
                        e.type().equals("deployment.analysis") && e.reason().contains("error rate"))
                .anyMatch(e -> e.reason().contains("gets 0% of the traffic, revision 1 100%"));
        canary.assertFailuresAreTheCanarysShare();
        await().atMost(Duration.ofSeconds(60)).until(() -> healthyRevisions().size() == TASKS);
        assertThat(healthyRevisions()).containsOnly(1);
    }

    @Test
    @Order(2)
    void theSameRevisionOnALinearStepIsRolledBackByItsAlarm() {
        // The canary's errors may have raised the alarm after its rollback: it must be OK again to go to ALARM.
        await().atMost(Duration.ofSeconds(60)).until(CanaryRollbackUnderLoadTest::alarmIsOk);
        long before = lastEventId();
        Canary canary = deployUnderLoad("deploy", "web", "--env", "GALE_APP_FAULT=errors:0.3", "--strategy", "linear");

        assertThat(canary.run().exitCode()).isEqualTo(1);
        assertThat(canary.run().out()).contains("alarm web-5xx").contains("Rollback of deployment");
        assertThat(deploymentEvents(before))
                .anyMatch(
                        e -> e.type().equals("deployment.failed") && e.reason().contains("alarm web-5xx"))
                .anyMatch(e -> e.reason().contains("gets 0% of the traffic"));
        canary.assertFailuresAreTheCanarysShare();
        await().atMost(Duration.ofSeconds(60)).until(() -> healthyRevisions().size() == TASKS);
        assertThat(healthyRevisions()).containsOnly(1);
    }

    @Test
    @Order(3)
    void blueGreensTestListenerServesOnlyTheNewRevisionWhileItDeploys() throws Exception {
        // The linear step's errors may raise the alarm after its rollback, and an alarm in ALARM rolls back this one.
        await().atMost(Duration.ofSeconds(60)).until(CanaryRollbackUnderLoadTest::alarmIsOk);
        URI test = stack.listenerUrl(1).resolve("/whoami");
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean deploying = new AtomicBoolean(true);
        CompletableFuture<Void> prober = CompletableFuture.runAsync(() -> {
            try (HttpClient client = HttpClient.newHttpClient()) {
                while (deploying.get()) {
                    probe(client, test).ifPresent(seen::add);
                    Thread.sleep(20); // a probe's pace, not a wait for a condition
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        CliRun run = gale("deploy", "web", "--env", "COLOR=green", "--strategy", "blue-green", "--wait");
        deploying.set(false);
        prober.join();

        assertThat(run.exitCode()).as(run.err()).isZero();
        int green = healthyRevisions().getFirst();
        assertThat(healthyRevisions()).containsOnly(green).hasSize(TASKS);
        assertThat(seen).isNotEmpty().containsOnly(green);
        // Once it is over the test target group holds no task: the test listener answers 503.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.balancer().targetGroup("web-test").targets().isEmpty());
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThat(client.send(HttpRequest.newBuilder(test).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(503);
        }
    }

    /**
     * The revision that answered {@code /whoami}; empty when none did (503 while the test target group is empty, or a
     * task too busy starting to answer in time).
     */
    private static java.util.Optional<Integer> probe(HttpClient client, URI whoami) throws InterruptedException {
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(whoami)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200
                    ? java.util.Optional.of(
                            JSON.readTree(r.body()).path("revision").asInt())
                    : java.util.Optional.empty();
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether the last state change of alarm web-5xx was to OK. */
    private static boolean alarmIsOk() {
        String last = "";
        for (Event e : stack.events().recent(10_000)) {
            if (e.type().startsWith("alarm.") && e.subject().equals("web-5xx")) {
                last = e.type();
            }
        }
        return last.equals("alarm.ok");
    }

    /** A deployment of a bad revision under load, and what the load saw while its canary took traffic. */
    private record Canary(CliRun run, long failed, long requestsWhileCanary, String failures) {

        /**
         * Failures are 10% × 30% of the requests sent while the canary took traffic, within a tolerant margin: at most
         * 1.6 times that (without weights its one task of five would have made it 2 times), at least a third of it.
         */
        void assertFailuresAreTheCanarysShare() {
            double expected = requestsWhileCanary * CANARY_SHARE * ERROR_RATE;
            System.out.printf(
                    "canary: %d requests while it took traffic, %d failed (10%% x 30%% = %.0f)%n",
                    requestsWhileCanary, failed, expected);
            // Enough requests for the share to mean something: 3% of 300 is 9 failures.
            assertThat(requestsWhileCanary).isGreaterThanOrEqualTo(300);
            assertThat(failed).as(failures).isBetween(Math.round(expected / 3), Math.round(expected * 1.6));
        }
    }

    private static Canary deployUnderLoad(String... command) {
        long before = lastEventId();
        try (DeployUnderLoad load = DeployUnderLoad.start(stack)) {
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> true);
            String[] waiting = java.util.Arrays.copyOf(command, command.length + 1);
            waiting[command.length] = "--wait";
            CliRun run = gale(waiting);
            Event shifted = firstEvent(before, "gets 10% of the traffic");
            Event aborted = firstEvent(shifted.id(), "gets 0% of the traffic, revision 1 100%");
            long window = load.requestsBetween(shifted.time(), aborted.time());
            return new Canary(run, load.failed(), window, load.failures());
        }
    }

    private static Event firstEvent(long afterId, String reason) {
        return deploymentEvents(afterId).stream()
                .filter(e -> e.reason().contains(reason))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + reason + "'"));
    }

    private static List<Event> deploymentEvents(long afterId) {
        List<Event> out = new ArrayList<>();
        for (Event e : stack.events().recent(10_000)) {
            if (e.id() > afterId && e.type().startsWith("deployment.")) {
                out.add(e);
            }
        }
        return out;
    }

    private static long lastEventId() {
        return stack.events().lastId();
    }

    private static List<Integer> healthyRevisions() {
        return DeployUnderLoad.healthyRevisions(stack);
    }

    private static CliRun gale(String... args) {
        return CliRun.against(stack.adminPort(), stateRoot, args);
    }
}
