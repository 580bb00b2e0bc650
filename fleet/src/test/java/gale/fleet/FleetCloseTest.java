package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCloseTest {

    @TempDir
    Path logs;

    @Test
    void closeDrainsAndStopsEveryTaskAndTheirChildren() {
        List<String> drained = new CopyOnWriteArrayList<>();
        TaskLifecycle lifecycle = new TaskLifecycle() {
            @Override
            public CompletionStage<Void> beforeStop(TaskSnapshot task) {
                drained.add(task.id());
                return CompletableFuture.completedFuture(null);
            }
        };
        FleetHarness harness = new FleetHarness(logs, lifecycle);
        harness.fleet.createService(TestTasks.service("web", 2, Map.of("TEST_CHILD", "true")));
        harness.fleet.createService(TestTasks.service("api", 1, Map.of()));
        List<TaskSnapshot> tasks = new ArrayList<>(harness.awaitRunning("web", 2));
        tasks.addAll(harness.awaitRunning("api", 1));
        List<ProcessHandle> processes = new ArrayList<>();
        for (TaskSnapshot task : tasks) {
            ProcessHandle handle = ProcessHandle.of(task.pid()).orElseThrow();
            processes.add(handle);
            processes.addAll(handle.descendants().toList());
        }
        assertThat(processes).hasSizeGreaterThanOrEqualTo(5);

        harness.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(harness.fleet.tasks()).hasSize(3).allSatisfy(task -> {
            assertThat(task.state()).isEqualTo(TaskState.STOPPED);
            assertThat(task.reason()).isEqualTo(TaskReasons.FLEET_SHUTDOWN);
        });
        assertThat(drained)
                .containsExactlyInAnyOrderElementsOf(
                        tasks.stream().map(TaskSnapshot::id).toList());
        assertThat(harness.events.entering(TaskState.PENDING)).hasSize(3);
    }

    @Test
    void secondCloseWaitsForTheFirstToFinish() throws Exception {
        FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of("TEST_IGNORE_SIGTERM", "true"))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);

        CompletableFuture<Void> first = CompletableFuture.runAsync(harness::close);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> harness.fleet.task(task.id()).orElseThrow().state() == TaskState.DRAINING);
        harness.close();

        assertThat(FleetHarness.alive(task.pid())).isFalse();
        first.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void closeKillsTasksThatIgnoreSigtermWithinItsBound() {
        FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of("TEST_IGNORE_SIGTERM", "true"))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);

        long start = System.nanoTime();
        harness.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(FleetHarness.alive(task.pid())).isFalse();
        assertThat(harness.fleet.tasks())
                .singleElement()
                .satisfies(stopped -> assertThat(stopped.exitCode()).isEqualTo(137));
    }
}
