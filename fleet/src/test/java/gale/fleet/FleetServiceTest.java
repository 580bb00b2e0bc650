package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetServiceTest {

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
    void reachesDesiredCountWithEachTaskServingOnItsOwnPort() throws Exception {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 2, Map.of()));

        List<TaskSnapshot> running = harness.awaitRunning("web", 2);

        assertThat(running).extracting(TaskSnapshot::port).doesNotHaveDuplicates();
        assertThat(running).allSatisfy(task -> {
            assertThat(task.id()).matches("web-[0-9a-f]{6}");
            assertThat(task.reason()).isEqualTo(TaskReasons.ACCEPTING + " " + task.port());
            assertThat(task.runningSince()).isAfterOrEqualTo(task.startedAt());
            assertThat(task.stoppedAt()).isNull();
            assertThat(FleetHarness.alive(task.pid())).isTrue();
            assertThat(get(task.port())).isEqualTo("ok " + task.id());
            assertThat(task.logFile()).isEqualTo(logs.resolve(task.id() + ".log"));
            assertThat(Files.readString(task.logFile()))
                    .contains("task " + task.id() + " listening on port " + task.port())
                    .contains("args --port=" + task.port());
            assertThat(harness.events.of(task.id()))
                    .extracting(TaskEvent::previous, event -> event.task().state())
                    .startsWith(
                            org.assertj.core.groups.Tuple.tuple(null, TaskState.PENDING),
                            org.assertj.core.groups.Tuple.tuple(TaskState.PENDING, TaskState.RUNNING));
        });
        assertThat(harness.fleet.services()).singleElement().satisfies(service -> {
            assertThat(service.desiredCount()).isEqualTo(2);
            assertThat(service.runningCount()).isEqualTo(2);
            assertThat(service.restarts()).isZero();
        });
    }

    @Test
    void scalesOutThenInStoppingTheNewestTasksFirst() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of()));
        TaskSnapshot first = harness.awaitRunning("web", 1).get(0);

        harness.fleet.scale("web", 3);
        List<TaskSnapshot> three = harness.awaitRunning("web", 3);
        List<String> added = three.stream()
                .map(TaskSnapshot::id)
                .filter(id -> !id.equals(first.id()))
                .toList();

        harness.fleet.scale("web", 1);
        for (String id : added) {
            TaskSnapshot stopped = harness.awaitStopped(id);
            assertThat(stopped.reason()).isEqualTo(TaskReasons.SCALING);
            assertThat(FleetHarness.alive(stopped.pid())).isFalse();
        }
        assertThat(harness.awaitRunning("web", 1)).extracting(TaskSnapshot::id).containsExactly(first.id());
        assertThat(harness.fleet.services().get(0).desiredCount()).isEqualTo(1);
        assertThat(harness.fleet.services().get(0).restarts()).isZero();
    }

    @Test
    void scalesToZeroAndRejectsUnknownServicesAndCounts() {
        harness = new FleetHarness(logs, TaskLifecycle.NONE);
        harness.fleet.createService(TestTasks.service("web", 1, Map.of()));
        harness.awaitRunning("web", 1);

        harness.fleet.scale("web", 0);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> harness.fleet.tasks().stream().allMatch(task -> task.state() == TaskState.STOPPED));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness.fleet.scale("api", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service: api (expected: one of [web])");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness.fleet.scale("web", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("desiredCount: -1 (expected: 0-1000)");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> harness.fleet.createService(TestTasks.service("web", 1, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service: web (expected: a name not in use)");
    }

    private static String get(int port) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
