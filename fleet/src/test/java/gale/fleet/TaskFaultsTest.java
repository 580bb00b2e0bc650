package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gale.fleet.fault.TaskDisruption;
import gale.fleet.fault.TaskSignal;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFaultsTest {

    @TempDir
    Path logs;

    @Test
    void hangStopsTheTaskSoItsPortAcceptsButNothingAnswersUntilReverted() throws Exception {
        try (FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE)) {
            harness.fleet.createService(TestTasks.service("hung", 1, Map.of()));
            TaskSnapshot task = harness.awaitRunning("hung", 1).get(0);
            assertThat(answers(task.port(), Duration.ofSeconds(5))).isTrue();

            TaskDisruption hang = harness.fleet.faults().hang(task.id());

            assertThat(FaultProcesses.stopped(task.pid())).isTrue();
            assertThat(answers(task.port(), Duration.ofMillis(700))).isFalse();

            hang.revert();

            assertThat(hang.active()).isFalse();
            assertThat(FaultProcesses.stopped(task.pid())).isFalse();
            assertThat(answers(task.port(), Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void cpuStressRunsStressNgBesideTheTaskInItsCgroupUntilReverted() throws Exception {
        try (FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE)) {
            harness.fleet.createService(
                    TestTasks.service("stressed", 1, Map.of()).withLimits(0.5, null));
            TaskSnapshot task = harness.awaitRunning("stressed", 1).get(0);

            TaskDisruption stress = harness.fleet.faults().stressCpu(task.id(), 80);
            long guard = stress.guardPid();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> FaultProcesses.stressOf(guard).size() >= 2); // stress-ng and its worker
            List<Long> burners = new ArrayList<>();
            FaultProcesses.stressOf(guard).forEach(p -> burners.add(p.pid()));
            // 80% of the task's 0.5 cores: the burners count as the task's CPU, in its cgroup or beside it.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(
                                    harness.fleet.task(task.id()).orElseThrow().cpuPercent())
                            .isGreaterThan(40));
            if (harness.fleet.cgroups().unavailableReason().isEmpty()) {
                for (long burner : burners) {
                    assertThat(Files.readString(Path.of("/proc", Long.toString(burner), "cgroup")))
                            .contains("/gale/" + task.id());
                }
            }

            stress.revert();

            assertThat(stress.active()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> burners.stream().noneMatch(FleetHarness::alive));
        }
    }

    @Test
    void killSignalEndsTheTaskAndItsServiceReplacesIt() throws Exception {
        try (FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE)) {
            harness.fleet.createService(TestTasks.service("killed", 1, Map.of()));
            TaskSnapshot task = harness.awaitRunning("killed", 1).get(0);

            harness.fleet.faults().signal(task.id(), TaskSignal.KILL);

            assertThat(harness.awaitStopped(task.id()).reason()).contains("137");
            harness.awaitRunning("killed", 1);
        }
    }

    @Test
    void faultsOnAnUnknownTaskAreRefused() {
        try (FleetHarness harness = new FleetHarness(logs, TaskLifecycle.NONE)) {
            assertThatThrownBy(() -> harness.fleet.faults().hang("nobody-1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("task: nobody-1");
        }
    }

    /** Whether an HTTP request to the port gets a first byte back within {@code wait}. */
    static boolean answers(int port, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream()
                    .write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return in.read() != -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
