package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.balancer.BalancerObserver;
import gale.control.HelloTask;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, scale and stop-task against one real stack (HelloTask processes), run in this JVM. */
class StackCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path stateRoot;

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.start(
                helloStack(2).withWarmup(Duration.ZERO),
                new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
        await().atMost(Duration.ofSeconds(30)).until(() -> runningTasks().size() == 2);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void statusJsonIsOneObjectWithServicesTasksAndTargets() throws Exception {
        CliRun run = gale("status", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode status = JSON.readTree(run.out());
        assertThat(status.fieldNames())
                .toIterable()
                .containsExactly("services", "tasks", "targets", "queues", "faults", "deployments", "data");
        assertThat(status.path("data").get(0).path("name").asText()).isEqualTo("database");
        assertThat(status.path("data").get(0).path("engine").asText()).isEqualTo("h2");
        assertThat(status.path("data").get(1).path("name").asText()).isEqualTo("cache");
        assertThat(status.path("services").get(0).path("name").asText()).isEqualTo("web");
        JsonNode task = status.path("tasks").get(0);
        for (String field : List.of("id", "service", "pid", "port", "state", "health", "cpuPercent")) {
            assertThat(task.has(field)).as(field).isTrue();
        }
        assertThat(JSON.readTree(run.out()).isObject()).isTrue();
    }

    @Test
    void faultInjectPrintsTheIdListShowsItAndClearRevertsIt() {
        CliRun inject = gale("fault", "inject", "task-hang", "--service", "web", "--count", "1", "--duration", "5m");
        assertThat(inject.exitCode()).as(inject.err()).isZero();
        String id = inject.out().trim();
        assertThat(id).matches("fault-[0-9a-f]{6}");

        assertThat(gale("fault", "list").out()).contains("FAULTS", id, "task-hang", "ACTIVE");
        assertThat(gale("status").out()).contains("FAULTS", id);

        CliRun clear = gale("fault", "clear", id);
        assertThat(clear.exitCode()).isZero();
        assertThat(clear.out()).contains(id + ": cleared");
        assertThat(gale("fault", "list").out()).contains(id, "ENDED", "Cleared by user");
        assertThat(gale("status").out()).doesNotContain("FAULTS");
    }

    @Test
    void httpErrorOnOneTargetAnswersItsRequestsMarkedCountsThemAndClearEndsIt() throws Exception {
        JsonNode victim = StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> runningTasks().contains(t.path("id").asText()))
                .findFirst()
                .orElseThrow();
        String target = "127.0.0.1:" + victim.path("port").asInt();
        CliRun inject = gale(
                "fault",
                "inject",
                "http-error",
                "--target",
                target,
                "--rate",
                "1",
                "--status",
                "500",
                "--duration",
                "5m");
        assertThat(inject.exitCode()).as(inject.err()).isZero();
        String id = inject.out().trim();

        List<HttpResponse<String>> responses = send(20);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 500)
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(r.headers().firstValue("x-gale-fault")).hasValue("http-error"));
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 200)
                .isNotEmpty()
                .allSatisfy(r ->
                        assertThat(r.body()).doesNotContain(victim.path("id").asText()));
        assertThat(gale("status").out()).contains("FAULTS", id, "http-error", "web/" + target);
        JsonNode listed =
                JSON.readTree(gale("status", "--json").out()).path("faults").get(0);
        assertThat(listed.path("rate").asDouble()).isEqualTo(1.0);
        assertThat(listed.path("status").asInt()).isEqualTo(500);
        assertThat(listed.path("target").asText()).isEqualTo(target);
        assertThat(metrics())
                .contains("gale_faults_active{kind=\"http-error\"} 1.0")
                .containsPattern("gale_balancer_fault_requests_total\\{kind=\"http-error\",listener=\"\\d+\","
                        + "target=\"" + victim.path("id").asText() + "\",target_group=\"web\"} [1-9]")
                .containsPattern("gale_balancer_rejections_total\\{listener=\"\\d+\",reason=\"fault-http-error\","
                        + "target_group=\"web\"} [1-9]");

        assertThat(gale("fault", "clear", id).exitCode()).isZero();

        assertThat(send(10)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-gale-fault")).isEmpty();
        });
        assertThat(stack.events().recent(10_000).stream()
                        .filter(e -> e.subject().equals(id))
                        .map(e -> e.type() + ": " + e.reason()))
                .containsExactly(
                        "fault.started: http-error of web/" + target + " for 300.0s",
                        "fault.ended: Cleared by user: http-error of web/" + target + " for 300.0s");
    }

    @Test
    void balancerFaultsRefuseMissingParametersAndUnknownTargets() {
        CliRun latency = gale("fault", "inject", "http-latency", "--duration", "1s");
        assertThat(latency.exitCode()).isEqualTo(2);
        assertThat(latency.err()).contains("delay: missing (expected: a duration like 200ms for http-latency)");

        CliRun target = gale("fault", "inject", "net-reset", "--target", "127.0.0.1:1", "--duration", "1s");
        assertThat(target.exitCode()).isEqualTo(2);
        assertThat(target.err()).contains("target: 127.0.0.1:1 (expected: HOST:PORT of a target of web");

        CliRun rate = gale("fault", "inject", "http-error", "--rate", "1.5", "--duration", "1s");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).contains("rate: 1.5 (expected: 0-1)");
    }

    private static List<HttpResponse<String>> send(int n) throws Exception {
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            responses.add(HTTP.send(
                    HttpRequest.newBuilder(stack.listenerUrl(0)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }

    private static String metrics() throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(stack.adminUrl().resolve("/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void faultInjectRefusesAFlagItsKindDoesNotReadWithExitTwo() {
        CliRun run = gale("fault", "inject", "task-hang", "--duration", "1s", "--load", "50");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("load: 50 (expected: a field task-hang reads");
    }

    @Test
    void statusForPeopleIsThreeTables() {
        CliRun run = gale("status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("SERVICES", "TASKS", "TARGETS", "web-", "RUNNING");
    }

    @Test
    void scaleChangesTheDesiredCount() {
        CliRun up = gale("scale", "web", "3");

        assertThat(up.exitCode()).isZero();
        assertThat(up.out()).contains("web: desired count 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> runningTasks().size() == 3);
        assertThat(gale("scale", "web", "2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> runningTasks().size() == 2);
    }

    @Test
    void scaleOfUnknownServiceIsBadInput() {
        CliRun run = gale("scale", "api", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gale scale: no service api");
    }

    @Test
    void scaleWithANonNumberIsBadInput() {
        CliRun run = gale("scale", "web", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'many'");
    }

    @Test
    void stopTaskKillReplacesTheTask() {
        String victim = runningTasks().getFirst();

        CliRun run = gale("stop-task", victim, "--kill");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(victim + ": killed");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runningTasks().size() == 2 && !runningTasks().contains(victim));
    }

    @Test
    void stopTaskOfUnknownTaskIsBadInput() {
        CliRun run = gale("stop-task", "web-nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no task web-nope");
    }

    @Test
    void changeWithoutTheTokenFails() {
        CliRun run = CliRun.of(
                "scale",
                "web",
                "1",
                "--admin-port",
                Integer.toString(stack.adminPort()),
                "--state-dir",
                stateRoot.resolve("elsewhere").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no token for the stack on 127.0.0.1:" + stack.adminPort());
    }

    private static CliRun gale(String... args) {
        return CliRun.against(stack.adminPort(), stateRoot, args);
    }

    private static List<String> runningTasks() {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .map(t -> t.path("id").asText())
                .toList();
    }

    /** {@code count} HelloTask processes behind a listener on an ephemeral port, as YAML would say it. */
    static StackConfig helloStack(int count) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String yaml = "listeners: [ { port: 0, defaultTargetGroup: web } ]\n"
                + "targetGroups:\n  web:\n"
                + "    healthCheck: { path: /health, interval: 500ms, timeout: 500ms }\n"
                + "    deregistrationDelay: 2s\n"
                + "services:\n  web:\n"
                + "    command: [\"" + java + "\", \"-cp\", \"" + System.getProperty("java.class.path") + "\", \""
                + HelloTask.class.getName() + "\"]\n"
                + "    desiredCount: " + count + "\n"
                + "    targetGroup: web\n"
                + "    stopTimeout: 5s\n";
        return StackFile.parse("hello.yaml", yaml);
    }
}
