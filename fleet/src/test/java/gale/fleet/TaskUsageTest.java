package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskUsageTest {

    @TempDir
    Path logs;

    @Test
    void cpuPercentRisesForTheTaskThatBurnsCpuAndNotForAnIdleOne() {
        try (FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE)) {
            harness.fleet.createService(TestTasks.service("burner", 1, Map.of("TEST_BURN", "true")));
            harness.fleet.createService(TestTasks.service("idle", 1, Map.of()));
            String burner = harness.awaitRunning("burner", 1).get(0).id();
            String idle = harness.awaitRunning("idle", 1).get(0).id();

            // The machine may be busy with other work: ask for a clear difference, not a full core.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                double burning = harness.fleet.task(burner).orElseThrow().cpuPercent();
                double resting = harness.fleet.task(idle).orElseThrow().cpuPercent();
                return burning > 20 && burning > 3 * resting;
            });

            TaskSnapshot task = harness.fleet.task(burner).orElseThrow();
            assertThat(task.memoryBytes()).isGreaterThan(10L * 1024 * 1024);
            // No limit: percent of one core; one burning thread stays well below two cores.
            assertThat(task.cpuPercent()).isLessThan(200);
        }
    }
}
