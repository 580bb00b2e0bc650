package gale.control.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.admin.AdminClient;
import gale.control.experiment.file.ExperimentFile;
import gale.control.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's guarantees with real stacks: a running stack is driven through its admin API and left running; a stack
 * the run started is stopped, and the rollbacks run, when the hypothesis fails before the method and on Ctrl-C.
 */
class ExperimentRunTest {

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private static final String ONE_TASK_STACK = """
            stack:
              listeners: [ { port: 8080, defaultTargetGroup: web } ]
              targetGroups: { web: { healthCheck: { path: /health, interval: 1s } } }
              services: { web: { desiredCount: 1, targetGroup: web } }
            """;

    @TempDir
    Path stateRoot;

    @Test
    void aRunningStackIsDrivenThroughItsAdminApiAndLeftRunning() {
        try (Stack stack = Stack.start(
                StackConfig.defaults()
                        .withFirstListenerPort(0)
                        .withDesiredCount("web", 1)
                        .withWarmup(Duration.ZERO),
                new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP))) {
            Experiment experiment = parse("""
                    title: scale a running stack out and back
                    stack: { running: %s }
                    steady-state:
                      probes:
                        - { name: two tasks after, type: running-tasks, service: web, before: false, during: false,
                            after: { min: 2 } }
                    method:
                      actions:
                        - scale: { service: web, count: 2 }
                        - await: { type: healthy-targets, targetGroup: web, until: { min: 2 }, timeout: 90s }
                    rollbacks:
                      - scale: { service: web, count: 1 }
                    """.formatted(stack.adminUrl()));

            ExperimentResult result = new ExperimentRun(experiment, DISCARD, DISCARD, stateRoot).run();

            assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
            assertThat(result.actions()).extracting(ActionRecord::part).containsExactly("method", "method", "rollback");
            AdminClient admin = new AdminClient(
                    stack.adminUrl(), Optional.of(stack.directory().token()));
            assertThat(admin.reachable()).isTrue();
            assertThat(admin.status()
                            .path("services")
                            .get(0)
                            .path("desiredCount")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void aHypothesisThatFailsBeforeTheMethodStopsTheRunButNotTheRollbacks() {
        List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
        Experiment experiment = parse("title: five healthy targets, of one\n" + ONE_TASK_STACK + """
                steady-state:
                  probes:
                    - { name: five healthy, type: healthy-targets, tolerance: { min: 5 } }
                method:
                  actions:
                    - scale: { service: web, count: 3 }
                rollbacks:
                  - scale: { service: web, count: 1 }
                """);

        ExperimentResult result = new ExperimentRun(experiment, DISCARD, DISCARD, stateRoot).run();

        assertThat(result.status()).isEqualTo(Status.ABORTED);
        assertThat(result.held()).isFalse();
        assertThat(result.methodStart()).isNull();
        assertThat(result.checks()).singleElement().satisfies(c -> {
            assertThat(c.phase()).isEqualTo(Phase.BEFORE);
            assertThat(c.value()).isEqualTo(1.0);
        });
        assertThat(result.actions()).extracting(ActionRecord::part).containsExactly("rollback");
        assertThat(tasksStartedSince(before)).isEmpty();
    }

    @Test
    void interruptingStopsTheMethodRunsTheRollbacksAndStopsTheStack() {
        List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
        Experiment experiment = parse("title: a long load, interrupted\n" + ONE_TASK_STACK + """
                method:
                  load:
                    scenarios:
                      s: { executor: constant-vus, vus: 2, duration: 5m, think: 100ms, requests: [ / ] }
                rollbacks:
                  - wait: 10ms
                """);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        ExperimentRun run =
                new ExperimentRun(experiment, DISCARD, new PrintStream(said, true, StandardCharsets.UTF_8), stateRoot);
        long started = System.nanoTime();

        CompletableFuture<ExperimentResult> result = CompletableFuture.supplyAsync(run::run);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> said.toString(StandardCharsets.UTF_8).contains("method: started"));
        run.interrupt();

        ExperimentResult ended = result.join();
        assertThat(ended.status()).isEqualTo(Status.INTERRUPTED);
        assertThat(ended.actions()).extracting(ActionRecord::part).containsExactly("rollback");
        assertThat(ended.load()).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(4));
        assertThat(tasksStartedSince(before)).isEmpty();
    }

    private static List<ProcessHandle> tasksStartedSince(List<ProcessHandle> before) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p))
                .toList();
    }

    private static Experiment parse(String text) {
        return ExperimentFile.parse("test", "test.yaml", text, null, Mode.SHORT);
    }
}
