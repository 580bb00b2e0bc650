package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    private static final TaskTemplate TEMPLATE = new TaskTemplate(List.of("true"));

    @Test
    void serviceConfigNamesTheBadFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> ServiceConfig.of("web app", TEMPLATE, 1))
                .hasMessageStartingWith("name: 'web app' (expected: letters, digits");
        assertThatThrownBy(() -> ServiceConfig.of("web", TEMPLATE, 1001))
                .hasMessage("desiredCount: 1001 (expected: 0-1000)");
        assertThatThrownBy(() -> ServiceConfig.of("web", TEMPLATE, 1).withLimits(0.001, null))
                .hasMessage("cpu: 0.001 (expected: 0.01-1024 cores, or none)");
        assertThatThrownBy(() -> ServiceConfig.of("web", TEMPLATE, 1).withLimits(null, 1024L))
                .hasMessage("memory: 1024 bytes (expected: >= 4 MiB, or none)");
        assertThatThrownBy(() -> ServiceConfig.of("web", TEMPLATE, 1)
                        .withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("stopTimeout: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> new TaskTemplate(List.of()))
                .hasMessage("command: [] (expected: a program and its arguments)");
    }

    @Test
    void serviceConfigDefaultsLikeEcs() {
        ServiceConfig config = ServiceConfig.of("web", TEMPLATE, 2);

        assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cpuLimit()).isNull();
        assertThat(config.memoryLimitBytes()).isNull();
    }

    @Test
    void launchSpecFillsInPortTaskIdAndParentPid() {
        TaskTemplate template = new TaskTemplate(
                List.of("app", "--port={port}", "--listen", "127.0.0.1:{port}"), Map.of("PORT", "1", "X", "y"), null);

        var spec = TaskLauncher.spec(template, "web-abc123", 1, 8123, Path.of("/tmp/web-abc123.log"));

        assertThat(spec.command()).containsExactly("app", "--port=8123", "--listen", "127.0.0.1:8123");
        assertThat(spec.env())
                .containsEntry("PORT", "8123")
                .containsEntry("X", "y")
                .containsEntry("GALE_TASK_ID", "web-abc123")
                .containsEntry(
                        "GALE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void fleetConfigRejectsTooFastSampling() {
        assertThatThrownBy(() ->
                        new FleetConfig(Path.of("logs"), Clock.systemUTC()).withSampleInterval(Duration.ofMillis(1)))
                .hasMessage("sampleInterval: PT0.001S (expected: >= 10ms)");
    }
}
