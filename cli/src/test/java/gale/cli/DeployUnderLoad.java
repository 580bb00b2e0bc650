package gale.cli;

import gale.control.Stack;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.plan.PlanFlags;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code gale load}'s engine in this JVM: {@link #VUS} virtual users on the stack's listener, each pausing
 * {@link #THINK} between requests, until stopped. What a deployment costs its users is then counted by the same
 * engine that reports {@code http_req_failed} to them.
 */
final class DeployUnderLoad implements AutoCloseable {

    static final int VUS = 200;
    /** 200 users at most 800 requests/s in all: steady load that still leaves two cores room to start JVM tasks. */
    static final String THINK = "250ms";

    private final LoadRun run;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private LoadResult result;

    private DeployUnderLoad(Stack stack, String path) {
        PlanFlags flags = new PlanFlags(
                stack.listenerUrl(0).resolve(path).toString(),
                null,
                VUS,
                "10m",
                null,
                null,
                null,
                null,
                THINK,
                null,
                List.of(),
                null,
                List.of(),
                null,
                null,
                "30s");
        this.run =
                LoadRun.start(flags.toPlan(), LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)));
    }

    static DeployUnderLoad start(Stack stack) {
        return new DeployUnderLoad(stack, "/");
    }

    /** Stops the users (in-flight requests finish) and returns the totals. */
    LoadResult stop() {
        if (result == null) {
            run.stop();
            result = run.await();
        }
        return result;
    }

    long requests() {
        return stop().results().rate("http_req_failed", Map.of())[1];
    }

    long failed() {
        return stop().results().rate("http_req_failed", Map.of())[0];
    }

    /** What failed, by kind, for a failing assertion's message. */
    String failures() {
        return stop().results().errorKinds() + " " + stop().results().statuses();
    }

    @Override
    public void close() {
        stop();
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
