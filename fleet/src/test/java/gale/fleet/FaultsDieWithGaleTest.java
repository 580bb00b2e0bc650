package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gale.fleet.process.ParentDeathSignal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SIGKILL of Gale leaves no task stopped and no stress process behind: every fault reverts by itself. */
class FaultsDieWithGaleTest {

    @TempDir
    Path logs;

    @Test
    void sigkillOfGaleContinuesTheHungTaskWhichThenExitsAndStopsTheStress() throws Exception {
        assumeTrue(ParentDeathSignal.detect().available(), "setpriv --pdeathsig is not available here");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process host = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), FaultHost.class.getName(), logs.toString())
                .redirectErrorStream(true)
                .start();
        Map<String, Long> pids = new HashMap<>();
        List<Long> burners = new ArrayList<>();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            while (pids.size() < 2) {
                String line = output.readLine();
                if (line == null) {
                    break;
                }
                if (line.matches("(task|stress) pid \\d+")) {
                    pids.put(line.split(" ")[0], Long.parseLong(line.split(" ")[2]));
                }
            }
            assertThat(pids).containsKeys("task", "stress");
            long task = pids.get("task");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> FaultProcesses.stressOf(pids.get("stress")).size() >= 2);
            FaultProcesses.stressOf(pids.get("stress")).forEach(p -> burners.add(p.pid()));
            assertThat(FaultProcesses.stopped(task)).isTrue();

            host.destroyForcibly();
            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // Continued by the guard, the task gets the SIGTERM the kernel sent it when Gale died, and exits.
            await().atMost(Duration.ofSeconds(15)).until(() -> !FleetHarness.alive(task));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !FleetHarness.alive(pids.get("stress"))
                            && burners.stream().noneMatch(FleetHarness::alive));
        } finally {
            host.destroyForcibly();
            pids.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            burners.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
