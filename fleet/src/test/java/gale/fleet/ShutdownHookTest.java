package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownHookTest {

    @TempDir
    Path logs;

    @Test
    void sigtermToTheOwnerJvmStopsItsTasksThroughTheShutdownHook() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process host = new ProcessBuilder(List.of(
                        java, "-cp", System.getProperty("java.class.path"), FleetHost.class.getName(), logs.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            long taskPid = readTaskPid(host);
            assertThat(FleetHarness.alive(taskPid)).isTrue();

            host.destroy();

            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
            ProcessHandle task = ProcessHandle.of(taskPid).orElse(null);
            if (task != null) {
                task.onExit().get(5, TimeUnit.SECONDS);
            }
            assertThat(FleetHarness.alive(taskPid)).isFalse();
        } finally {
            host.destroyForcibly();
        }
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
