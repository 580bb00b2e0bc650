package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CPU limit on this very machine: enforced through cgroups where they are writable (a task burning a core
 * uses about its limit, and its CPU % is measured against it), else the task runs unlimited and the fleet says
 * why. Either way this test asserts what happened.
 */
class CpuLimitTest {

    private static final double LIMIT = 0.2;

    @TempDir
    Path logs;

    @Test
    void burningTaskIsHeldToItsCpuLimitOrRunsUnlimitedWithAReason() throws Exception {
        try (FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE)) {
            harness.fleet.createService(
                    TestTasks.service("capped", 1, Map.of("TEST_BURN", "true")).withLimits(LIMIT, null));
            TaskSnapshot task = harness.awaitRunning("capped", 1).get(0);
            Optional<String> unavailable = harness.fleet.cgroups().unavailableReason();

            if (unavailable.isPresent()) {
                assertThat(unavailable.get()).isNotBlank();
                // Unlimited: a burning core shows as several times the 0.2-core "limit" it is measured against.
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> harness.fleet.task(task.id()).orElseThrow().cpuPercent() > 100);
                return;
            }
            String cgroupPath = cgroupOf(task.pid()).orElseThrow();
            assertThat(cgroupPath).endsWith("/gale/" + task.id());
            // At its limit: about 100% of 0.2 cores, never the 500% an unlimited core would be.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> harness.fleet.task(task.id()).orElseThrow().cpuPercent() > 40);
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> harness.fleet.task(task.id()).orElseThrow().cpuPercent() < 150);

            harness.fleet
                    .stopTask(task.id(), StopMode.KILL, TaskReasons.STOPPED_BY_USER)
                    .get();

            Path root = FleetConfig.DEFAULT_CGROUP_ROOT;
            List<Path> candidates = List.of(
                    root.resolve("cpu").resolve(cgroupPath.substring(1)),
                    root.resolve("cpu,cpuacct").resolve(cgroupPath.substring(1)),
                    root.resolve(cgroupPath.substring(1)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> candidates.stream().noneMatch(Files::exists));
        }
    }

    /** The task's place in the cpu hierarchy (v1) or the unified one (v2), from /proc/<pid>/cgroup. */
    private static Optional<String> cgroupOf(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (List.of(parts[1].split(",")).contains("cpu") || (parts[0].equals("0") && parts[2].contains("/gale/"))) {
                return Optional.of(parts[2]);
            }
        }
        return Optional.empty();
    }
}
