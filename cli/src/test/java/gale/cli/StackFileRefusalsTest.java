package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gale.monitor.series.Series;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gale up -f} with a key Gale knows but does not apply, or an alarm on a series Gale does not publish: exit 2,
 * file:line:column: field and a sentence, and nothing started (no state directory, no task, the listener's port free).
 */
class StackFileRefusalsTest {

    @TempDir
    Path dir;

    /** A stack that would start a task and bind {@code port} if it were accepted; {@code more} is appended. */
    private static String stack(int port, String more) {
        return "listeners: [ { port: " + port + ", defaultTargetGroup: web } ]\n"
                + "targetGroups:\n  web: { healthCheck: { path: /health } }\n"
                + "services:\n  web:\n    targetGroup: web\n"
                + more;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        "    deployment:\n      steps:\n        - setWeight: 120\n",
                        ":9:22: services.web.deployment.steps[0].setWeight: 120 (expected: 0-100)",
                        ""),
                Arguments.of(
                        "    deployment: { strategy: blue-grene }\n",
                        ":7:29: services.web.deployment.strategy: ",
                        "(expected: one of rolling, canary, linear, blue-green)"),
                Arguments.of(
                        "alarms:\n  errors:\n    metric: http_5xx_cuont\n    targetGroup: web\n    threshold: 0\n",
                        ":9:13: alarms.errors.metric: http_5xx_cuont (expected: one of the series Gale publishes, ",
                        String.join(", ", Series.metrics())),
                Arguments.of(
                        "alarms:\n  errors:\n    metric: http_5xx_count\n    service: web\n    threshold: 0\n",
                        ":10:14: alarms.errors.service: web (expected: http_5xx_count is published per targetGroup)",
                        ""),
                Arguments.of(
                        "alarms:\n  errors:\n    metric: http_5xx_count\n    targetGroup: web\n    statistic: p99\n"
                                + "    threshold: 0\n",
                        ":11:16: alarms.errors.statistic: p99 (expected: SampleCount, Average, Sum, Minimum or"
                                + " Maximum; http_5xx_count is a count, percentiles are kept of [latency_ms] only)",
                        ""));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void exitsTwoNamingFileLineAndFieldAndStartsNothing(String more, String place, String sentence) throws IOException {
        int port = freePort();
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, stack(port, more));
        Path state = dir.resolve("state");
        long childrenBefore = ProcessHandle.current().children().count();

        CliRun run = CliRun.of("up", "-f", file.toString(), "--admin-port", "0", "--state-dir", state.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + place).contains(sentence);
        assertThat(state).doesNotExist();
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
        try (ServerSocket stillFree = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(stillFree.getLocalPort()).isEqualTo(port);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
