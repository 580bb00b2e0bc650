package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSupervisionTest {

    @TempDir
    Path logs;

    private FleetHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void replacesTaskKilledWithSigkillAndSaysWhyItStopped() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 2, Map.of()));
        List<TaskSnapshot> running = harness.awaitRunning("web", 2);
        TaskSnapshot victim = running.get(0);

        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

        TaskSnapshot stopped = harness.awaitStopped(victim.id());
        assertThat(stopped.reason()).isEqualTo("Essential container exited (code 137)");
        assertThat(stopped.exitCode()).isEqualTo(137);
        assertThat(stopped.stoppedAt()).isAfterOrEqualTo(stopped.startedAt());
        List<TaskSnapshot> after = harness.awaitRunning("web", 2);
        assertThat(after)
                .extracting(TaskSnapshot::id)
                .doesNotContain(victim.id())
                .contains(running.get(1).id());
        TaskSnapshot replacement = after.stream()
                .filter(task -> !task.id().equals(running.get(1).id()))
                .findFirst()
                .orElseThrow();
        assertThat(replacement.restarts()).isEqualTo(1);
        assertThat(harness.fleet.services().get(0).restarts()).isEqualTo(1);
        assertThat(harness.events.of(victim.id()))
                .last()
                .satisfies(event -> assertThat(event.previous()).isEqualTo(TaskState.RUNNING));
    }

    @Test
    void backsOffExponentiallyWhenTaskKeepsCrashingAtStart() throws Exception {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("crashy", 1, Map.of("TEST_CRASH_AT_START", "7")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> harness.events.entering(TaskState.PENDING).size() >= 5);

        // From each crash (STOPPED) to the next launch (PENDING): the backoff alone, without the JVM's start. The
        // first crash is replaced at once, then the waits are 200 ms, 400 ms, 800 ms.
        List<EventLog.Entry> entries = harness.events.entries();
        List<Long> crashes = nanosOf(entries, TaskState.STOPPED);
        List<Long> launches = nanosOf(entries, TaskState.PENDING);
        List<Duration> waits = List.of(0, 1, 2, 3).stream()
                .map(i -> Duration.ofNanos(launches.get(i + 1) - crashes.get(i)))
                .toList();
        assertThat(waits.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(180));
        assertThat(waits.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(380));
        assertThat(waits.get(3)).isGreaterThanOrEqualTo(Duration.ofMillis(780));
        assertThat(waits.get(0)).isLessThan(waits.get(3));
        assertThat(harness.events.entering(TaskState.STOPPED)).first().satisfies(event -> {
            assertThat(event.reason()).isEqualTo("Task failed to start: Essential container exited (code 7)");
            assertThat(Files.readString(event.task().logFile())).contains("crashing at start with code 7");
        });
        ServiceSnapshot service = harness.fleet.services().get(0);
        assertThat(service.consecutiveFailures()).isGreaterThanOrEqualTo(4);
        assertThat(service.restarts()).isGreaterThanOrEqualTo(4);
        assertThat(service.runningCount()).isZero();
    }

    @Test
    void replacesTaskThatExitsOnItsOwnAfterRunning() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of("TEST_EXIT_AFTER_MS", "1500")));
        TaskSnapshot first = harness.awaitRunning("web", 1).get(0);

        TaskSnapshot stopped = harness.awaitStopped(first.id());

        assertThat(stopped.reason()).isEqualTo(TaskReasons.exited(3));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> harness.events.entering(TaskState.RUNNING).stream()
                        .anyMatch(event -> !event.task().id().equals(first.id())));
    }

    @Test
    void stopsTaskThatNeverAcceptsConnectionsWithinStartTimeout() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        TaskTemplate sleeper = new TaskTemplate(List.of("sleep", "600"));
        harness.fleet.createService(
                new ServiceConfig("quiet", sleeper, 1, Duration.ofSeconds(1), Duration.ofMillis(700), null, null));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !harness.events.entering(TaskState.STOPPED).isEmpty());

        TaskSnapshot stopped = harness.events.entering(TaskState.STOPPED).get(0).task();
        assertThat(stopped.reason())
                .isEqualTo("Task failed to start: port " + stopped.port() + " accepted no connection within PT0.7S");
        assertThat(stopped.exitCode()).isEqualTo(143);
        assertThat(FleetHarness.alive(stopped.pid())).isFalse();
        assertThat(harness.events.of(stopped.id()))
                .extracting(event -> event.task().state())
                .containsExactly(TaskState.PENDING, TaskState.DRAINING, TaskState.STOPPED);
    }

    @Test
    void reportsProgramThatCannotBeLaunchedAsFailedToStart() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        TaskTemplate missing = new TaskTemplate(List.of("/nonexistent/gale-test-program"));
        harness.fleet.createService(ServiceConfig.of("broken", missing, 1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.events.entering(TaskState.STOPPED).size() >= 2);

        TaskSnapshot stopped = harness.events.entering(TaskState.STOPPED).get(0).task();
        assertThat(stopped.pid()).isEqualTo(-1);
        assertThat(stopped.reason())
                .startsWith("Task failed to start: Cannot run program \"/nonexistent/gale-test-program\"");
        assertThat(harness.fleet.services().get(0).consecutiveFailures()).isGreaterThanOrEqualTo(2);
    }

    private static List<Long> nanosOf(List<EventLog.Entry> entries, TaskState state) {
        return entries.stream()
                .filter(entry -> entry.event().task().state() == state)
                .map(EventLog.Entry::nanos)
                .toList();
    }
}
