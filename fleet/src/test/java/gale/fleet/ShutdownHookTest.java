package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gale.fleet.process.ParentDeathSignal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownHookTest {

    @TempDir
    Path logs;

    @Test
    void sigtermToTheOwnerJvmStopsItsTasksThroughTheShutdownHook() throws Exception {
        Process host = startHost();
        try {
            long taskPid = readTaskPid(host);
            assertThat(FleetHarness.alive(taskPid)).isTrue();

            host.destroy();

            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
            awaitExit(taskPid);
        } finally {
            host.destroyForcibly();
        }
    }

    /** No hook runs on SIGKILL: the kernel's parent-death signal stops a task that does not watch Gale's pid. */
    @Test
    void sigkillOfTheOwnerJvmStopsATaskThatDoesNotWatchIt() throws Exception {
        assumeTrue(ParentDeathSignal.detect().available(), "setpriv --pdeathsig is not available here");
        Process host = startHost("ignore-parent");
        long taskPid = -1;
        try {
            taskPid = readTaskPid(host);
            assertThat(FleetHarness.alive(taskPid)).isTrue();

            host.destroyForcibly();

            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
            awaitExit(taskPid);
        } finally {
            host.destroyForcibly();
            ProcessHandle.of(taskPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Process startHost(String... extraArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java, "-cp", System.getProperty("java.class.path"), FleetHost.class.getName(), logs.toString()));
        command.addAll(List.of(extraArgs));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitExit(long pid) throws Exception {
        ProcessHandle task = ProcessHandle.of(pid).orElse(null);
        if (task != null) {
            task.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(FleetHarness.alive(pid)).isFalse();
    }

    private static long readTaskPid(Process host) throws Exception {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("task pid ")) {
                return Long.parseLong(line.substring("task pid ".length()).trim());
            }
        }
        throw new AssertionError("the host exited without starting its task, exit code " + host.waitFor());
    }
}
