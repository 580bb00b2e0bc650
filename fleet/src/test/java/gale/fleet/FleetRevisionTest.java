package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbered revisions of a task definition, each sized on its own, every task told its revision. */
class FleetRevisionTest {

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
    void revisionsAreSizedApartAndTheSoleOneBecomesCurrent() throws Exception {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 2, Map.of()));
        List<TaskSnapshot> first = harness.awaitRunning("web", 2);
        assertThat(first).extracting(TaskSnapshot::revision).containsOnly(1);

        int second = harness.fleet.registerRevision("web", TestTasks.service("web", 0, Map.of("COLOR", "green")));
        assertThat(second).isEqualTo(2);
        harness.fleet.setRevisionCounts("web", Map.of(1, 2, 2, 1), "Deployment test");
        await().atMost(Duration.ofSeconds(30)).until(() -> running(2).size() == 1);
        assertThat(harness.fleet.services().getFirst().revision()).isEqualTo(1);
        TaskSnapshot green = running(2).getFirst();
        // The server prints its environment once it listens: RUNNING may come first.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(Files.readString(green.logFile())).contains("GALE_REVISION=2"));

        harness.fleet.setRevisionCounts("web", Map.of(2, 2), "Deployment test");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> running(2).size() == 2 && running(1).isEmpty());
        for (TaskSnapshot old : first) {
            assertThat(harness.awaitStopped(old.id()).reason()).isEqualTo("Deployment test");
        }
        ServiceSnapshot service = harness.fleet.services().getFirst();
        assertThat(service.revision()).isEqualTo(2);
        assertThat(service.desiredCount()).isEqualTo(2);
        assertThat(service.revision(2).orElseThrow().runningCount()).isEqualTo(2);

        // Scaling sizes the current revision only.
        harness.fleet.scale("web", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> running(2).size() == 3);
        assertThat(running(1)).isEmpty();
    }

    @Test
    void refusesUnknownRevisionsAndDefinitionsOfAnotherService() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 0, Map.of()));

        assertThatThrownBy(() -> harness.fleet.setRevisionCounts("web", Map.of(5, 1), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("revision: 5 (expected: one of [1])");
        assertThatThrownBy(() -> harness.fleet.registerRevision("web", TestTasks.service("api", 0, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("definition: api (expected: web)");
    }

    @Test
    void countsTheFailedTasksOfEachRevision() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of()));
        harness.awaitRunning("web", 1);
        int bad =
                harness.fleet.registerRevision("web", TestTasks.service("web", 0, Map.of("TEST_CRASH_AT_START", "3")));

        harness.fleet.setRevisionCounts("web", Map.of(1, 1, bad, 1), "Deployment test");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> harness.fleet
                                .services()
                                .getFirst()
                                .revision(bad)
                                .orElseThrow()
                                .failedTasks()
                        >= 2);
        assertThat(harness.fleet.services().getFirst().revision(1).orElseThrow().failedTasks())
                .isZero();
    }

    private List<TaskSnapshot> running(int revision) {
        return harness.inState("web", TaskState.RUNNING).stream()
                .filter(task -> task.revision() == revision)
                .toList();
    }
}
