package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.control.HelloTask;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gale up in the foreground, then gale down; and what up says about a stack file it can't accept. */
class UpDownTest {

    @TempDir
    Path dir;

    @Test
    void upRunsUntilDownStopsIt() throws Exception {
        Path stack = dir.resolve("stack.yaml");
        String yaml = "listeners: [ { port: 0, defaultTargetGroup: web } ]\n"
                + "targetGroups: { web: { healthCheck: { path: /health, interval: 500ms, timeout: 500ms } } }\n"
                + "services:\n  web:\n    command: [\""
                + ProcessHandle.current().info().command().orElseThrow()
                + "\", \"-cp\", \"" + System.getProperty("java.class.path") + "\", \"" + HelloTask.class.getName()
                + "\"]\n    targetGroup: web\n    stopTimeout: 5s\n"
                + "balancer: { warmup: 1s }\n";
        Files.writeString(stack, yaml);
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine gale = Gale.commandLine();
        gale.setOut(new java.io.PrintWriter(out, true));
        String state = dir.resolve("state").toString();

        CompletableFuture<Integer> up = CompletableFuture.supplyAsync(
                () -> gale.execute("up", "-f", stack.toString(), "--admin-port", "0", "--state-dir", state));
        Pattern admin = Pattern.compile("admin +http://127\\.0\\.0\\.1:(\\d+)/");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.matcher(out.toString()).find());
        Matcher m = admin.matcher(out.toString());
        assertThat(m.find()).isTrue();
        String adminPort = m.group(1);
        assertThat(out.toString()).contains("Gale is up.", "listener  http://127.0.0.1:", "service   web: 1 task(s)");

        CliRun down = CliRun.of("down", "--admin-port", adminPort, "--state-dir", state);

        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("Stopped.");
        assertThat(up.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("Gale stopped");
    }

    @Test
    void badStackFileExitsTwoNamingFileLineAndField() throws Exception {
        Path stack = dir.resolve("stack.yaml");
        Files.writeString(stack, "targetGroups:\n  web:\n    healthCheck:\n      interval: 2x\n");

        CliRun run = CliRun.of("up", "-f", stack.toString(), "--admin-port", "0", "--state-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(stack + ":4:17: targetGroups.web.healthCheck.interval: \"2x\" (expected: a duration like 2s"
                        + " or 500ms)");
        assertThat(dir.resolve("stacks")).doesNotExist();
    }

    @Test
    void upSaysWhichPortIsTakenAndStartsNothing() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(busy.getLocalPort());

            CliRun admin = CliRun.of("up", "--admin-port", port, "--state-dir", dir.toString());
            CliRun listener = CliRun.of("up", "--port", port, "--admin-port", "0", "--state-dir", dir.toString());

            assertThat(admin.exitCode()).isEqualTo(1);
            assertThat(admin.err()).contains("admin API: cannot listen on 127.0.0.1:" + port, "--admin-port");
            assertThat(listener.exitCode()).isEqualTo(1);
            assertThat(listener.err()).contains(port);
        }
    }

    @Test
    void commandsSayClearlyWhenNoStackRuns() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        CliRun run = CliRun.of("status", "--admin-port", Integer.toString(port));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no Gale stack on 127.0.0.1:" + port + ": start one with ./gale up");
    }

    @Test
    void appSaysWhyItCannotStartOnABusyPort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream saved = System.err;
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            CliRun run;
            try {
                run = CliRun.of("app", "--port", Integer.toString(busy.getLocalPort()));
            } finally {
                System.setErr(saved);
            }

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"up", "status", "scale", "stop-task", "down", "app"}) {
            CliRun run = CliRun.of(command, "--help");

            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: gale " + command);
        }
    }
}
