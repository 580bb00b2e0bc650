package gale.cli;

import static org.awaitility.Awaitility.await;

import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackFile;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.plan.PlanFlags;
import gale.loadgen.segment.ExecutionTuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

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

    private final Timeline timeline = new Timeline();

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
        this.run = LoadRun.start(
                flags.toPlan(),
                LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)),
                ExecutionTuple.FULL,
                timeline);
    }

    static DeployUnderLoad start(Stack stack) {
        return new DeployUnderLoad(stack, "/");
    }

    /** Stops the users (in-flight requests finish) and returns the totals. */
    LoadResult stop() {
        if (result == null) {
            run.stop();
            result = run.await();
            timeline.close();
        }
        return result;
    }

    /** Requests that ended between the two instants, as the timeline sampled them (a tenth of a second wide). */
    long requestsBetween(Instant from, Instant to) {
        return timeline.requestsBetween(from, to);
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

    /** Starts the stack of {@code yaml} and waits until {@code tasks} of its tasks are healthy. */
    static Stack startStack(String name, String yaml, Path stateRoot, int tasks) {
        Stack stack = Stack.start(
                StackFile.parse(name, yaml),
                new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> healthyRevisions(stack).size() == tasks);
        return stack;
    }

    /** Prints the deployment events, for the log of a test that failed, then stops the stack. */
    static void stopStack(Stack stack) {
        if (stack != null) {
            stack.events().recent(10_000).stream()
                    .filter(e -> e.type().startsWith("deployment."))
                    .forEach(e -> System.out.printf("%s %-20s %s%n", e.time(), e.type(), e.reason()));
            stack.close();
        }
    }

    /** The revision of each running task whose target is healthy. */
    static List<Integer> healthyRevisions(Stack stack) {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .map(t -> t.path("revision").asInt())
                .toList();
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
