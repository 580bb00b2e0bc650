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
                .containsExactly("services", "tasks", "targets", "faults", "deployments", "data");
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
