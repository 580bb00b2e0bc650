package gale.monitor.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real promtool (Debian's prometheus package, which .ci/run installs) and returns its exit code and output.
 * Shared with the control plane's and the CLI's tests through this module's test jar.
 */
public final class Promtool {
    public record Result(int exitCode, String output) {}

    private Promtool() {}

    /** {@code promtool ARGS...} with nothing on its standard input. */
    public static Result run(String... args) throws IOException, InterruptedException {
        return exec(null, args);
    }

    /** {@code promtool check metrics}, reading {@code exposition} (a /metrics page) from its standard input. */
    public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        return exec(exposition, "check", "metrics");
    }

    private static Result exec(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
