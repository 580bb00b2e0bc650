package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStopTest {

    @TempDir
    Path logs;

    private FleetHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A lifecycle whose drains the test completes by hand. */
    static final class HeldDrains implements TaskLifecycle {
        final List<TaskSnapshot> running = new CopyOnWriteArrayList<>();
        final List<TaskSnapshot> draining = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> drained = new CompletableFuture<>();

        @Override
        public void onRunning(TaskSnapshot task) {
            running.add(task);
        }

        @Override
        public CompletionStage<Void> beforeStop(TaskSnapshot task) {
            draining.add(task);
            return drained;
        }
    }

    @Test
    void gracefulStopWaitsForTheDrainBeforeSigterm() throws Exception {
        HeldDrains lifecycle = new HeldDrains();
        harness = new FleetHarness(logs, lifecycle);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of()));
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);
        assertThat(lifecycle.running).extracting(TaskSnapshot::id).containsExactly(task.id());

        CompletableFuture<Void> stopped =
                harness.fleet.stopTask(task.id(), StopMode.GRACEFUL, TaskReasons.STOPPED_BY_USER);

        await().atMost(Duration.ofSeconds(5)).until(() -> lifecycle.draining.size() == 1);
        assertThat(lifecycle.draining.get(0).state()).isEqualTo(TaskState.DRAINING);
        assertThat(harness.fleet.task(task.id()).orElseThrow().state()).isEqualTo(TaskState.DRAINING);
        // While the owner drains, the process is not signalled.
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> FleetHarness.alive(task.pid()));
        assertThat(Files.readString(task.logFile())).doesNotContain("SIGTERM received");

        lifecycle.drained.complete(null);

        stopped.get(10, java.util.concurrent.TimeUnit.SECONDS);
        TaskSnapshot after = harness.fleet.task(task.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(TaskState.STOPPED);
        assertThat(after.reason()).isEqualTo(TaskReasons.STOPPED_BY_USER);
        assertThat(after.exitCode()).isEqualTo(143);
        assertThat(Files.readString(task.logFile())).contains("SIGTERM received");
        // The service keeps its desired count: a replacement runs.
        assertThat(harness.awaitRunning("web", 1)).extracting(TaskSnapshot::id).doesNotContain(task.id());
    }

    @Test
    void sigkillsAfterStopTimeoutWhenTaskIgnoresSigterm() throws Exception {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        ServiceConfig stubborn = TestTasks.service("web", 1, Map.of("TEST_IGNORE_SIGTERM", "true"))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20));
        harness.fleet.createService(stubborn);
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);

        long start = System.nanoTime();
        harness.fleet
                .stopTask(task.id(), StopMode.GRACEFUL, TaskReasons.STOPPED_BY_USER)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        TaskSnapshot after = harness.fleet.task(task.id()).orElseThrow();
        assertThat(after.exitCode()).isEqualTo(137);
        assertThat(after.reason()).isEqualTo(TaskReasons.STOPPED_BY_USER);
        assertThat(Files.readString(task.logFile())).doesNotContain("SIGTERM received");
        assertThat(FleetHarness.alive(task.pid())).isFalse();
    }

    @Test
    void sigtermFollowsAfterStopTimeoutWhenTheDrainNeverEnds() throws Exception {
        HeldDrains lifecycle = new HeldDrains();
        harness = new FleetHarness(logs, lifecycle);
        harness.fleet.createService(
                TestTasks.service("web", 1, Map.of()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);

        harness.fleet
                .stopTask(task.id(), StopMode.GRACEFUL, TaskReasons.STOPPED_BY_USER)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(lifecycle.drained).isNotDone();
        assertThat(harness.fleet.task(task.id()).orElseThrow().exitCode()).isEqualTo(143);
    }

    @Test
    void killModeSendsSigkillWithoutDraining() throws Exception {
        HeldDrains lifecycle = new HeldDrains();
        harness = new FleetHarness(logs, lifecycle);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of()));
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);

        harness.fleet
                .stopTask(task.id(), StopMode.KILL, TaskReasons.STOPPED_BY_USER)
                .get(5, java.util.concurrent.TimeUnit.SECONDS);

        TaskSnapshot after = harness.fleet.task(task.id()).orElseThrow();
        assertThat(after.exitCode()).isEqualTo(137);
        assertThat(after.reason()).isEqualTo(TaskReasons.STOPPED_BY_USER);
        assertThat(lifecycle.draining).isEmpty();
        assertThat(harness.events.of(task.id()))
                .extracting(event -> event.task().state())
                .doesNotContain(TaskState.DRAINING);
        harness.awaitRunning("web", 1);
        assertThat(harness.fleet.services().get(0).restarts()).isZero();
    }

    @Test
    void replaceTaskLaunchesTheReplacementBeforeDrainingTheFailedTask() throws Exception {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of()));
        TaskSnapshot task = harness.awaitRunning("web", 1).get(0);

        harness.fleet
                .replaceTask(task.id(), TaskReasons.FAILED_HEALTH_CHECKS)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);

        List<TaskEvent> events = harness.events.events();
        int draining = indexOf(events, task.id(), TaskState.DRAINING);
        int replacementLaunched = -1;
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).task().id().equals(task.id())
                    && events.get(i).task().state() == TaskState.PENDING) {
                replacementLaunched = i;
            }
        }
        assertThat(replacementLaunched).isBetween(0, draining - 1);
        TaskSnapshot after = harness.fleet.task(task.id()).orElseThrow();
        assertThat(after.reason()).isEqualTo(TaskReasons.FAILED_HEALTH_CHECKS);
        assertThat(harness.fleet.services().get(0).restarts()).isEqualTo(1);
        harness.awaitRunning("web", 1);
    }

    private static int indexOf(List<TaskEvent> events, String taskId, TaskState state) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).task().id().equals(taskId) && events.get(i).task().state() == state) {
                return i;
            }
        }
        return -1;
    }
}
