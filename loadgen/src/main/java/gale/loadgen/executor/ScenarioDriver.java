package gale.loadgen.executor;

import gale.loadgen.http.PreparedRequest;
import gale.loadgen.plan.Scenario;
import gale.loadgen.segment.ExecutionTuple;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario's executor. Drivers start iterations on VUs' loops, stop starting them when the scenario's time
 * is up, and complete {@link #done()} when the last iteration has ended or the graceful stop ran out.
 */
public abstract sealed class ScenarioDriver permits ClosedDriver, OpenDriver {

    final Scenario scenario;
    final int index;
    final PreparedRequest[] requests;
    final List<VuLoop> loops;
    final ScheduledExecutorService clock;
    /** This worker's share of the executor's VUs, iterations and arrivals (k6's execution segment). */
    final ExecutionTuple segment;

    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** No new iterations (time is up, or the test is stopping). */
    volatile boolean ending;
    /** Stopped from outside (Ctrl-C, abortOnFail): even iterations already due are not started. */
    volatile boolean interrupted;
    /** In-flight work is abandoned: results after this are not recorded. */
    volatile boolean halted;

    ScenarioDriver(
            Scenario scenario,
            int index,
            List<PreparedRequest> requests,
            List<VuLoop> loops,
            ScheduledExecutorService clock,
            ExecutionTuple segment) {
        this.scenario = scenario;
        this.segment = segment;
        this.index = index;
        this.requests = requests.toArray(PreparedRequest[]::new);
        this.loops = List.copyOf(loops);
        this.clock = clock;
    }

    /** Builds the driver for a scenario's executor, running {@code segment}'s share of it. */
    public static ScenarioDriver of(
            Scenario scenario,
            int index,
            List<PreparedRequest> requests,
            List<VuLoop> loops,
            ScheduledExecutorService clock,
            ExecutionTuple segment) {
        return scenario.executor().openModel()
                ? new OpenDriver(scenario, index, requests, loops, clock, segment)
                : new ClosedDriver(scenario, index, requests, loops, clock, segment);
    }

    /** Ends the scenario as its time being up would (the API's stop): no new iterations, then gracefulStop. */
    public final void end() {
        stop();
    }

    /** Starts now; ends by itself after the executor's length, then waits up to gracefulStop. */
    public final void start() {
        long startNanos = System.nanoTime();
        begin(startNanos);
        clock.schedule((Runnable) this::stop, scenario.executor().length().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops early (Ctrl-C, abortOnFail): no new iterations; in-flight ones get at most {@code grace}. */
    public final void interrupt(java.time.Duration grace) {
        interrupted = true;
        stop(grace);
    }

    /** Stops starting iterations; in-flight ones get the scenario's graceful stop, at most {@code grace}. */
    final void stop(java.time.Duration grace) {
        if (ending) {
            return;
        }
        ending = true;
        onEnding();
        long graceNanos = Math.min(grace.toNanos(), scenario.gracefulStop().toNanos());
        clock.schedule((Runnable) this::halt, graceNanos, TimeUnit.NANOSECONDS);
    }

    final void stop() {
        stop(scenario.gracefulStop());
    }

    /** Gives up a scenario that has not started (the test stopped before its startTime). */
    public final void abandon() {
        ending = true;
        halt();
    }

    public final Scenario scenario() {
        return scenario;
    }

    /** Abandons whatever is still in flight and completes. */
    final void halt() {
        halted = true;
        done.complete(null);
    }

    public final CompletableFuture<Void> done() {
        return done;
    }

    final boolean halted() {
        return halted;
    }

    /** VUs in an iteration (or, for closed executors, active), for the {@code vus} gauge. */
    public abstract int vus();

    /** VUs allocated so far, for {@code vus_max}. */
    public abstract int vusAllocated();

    /** What the API sets on an externally-controlled scenario; null for the other executors. */
    public ExternalVus external() {
        return null;
    }

    abstract void begin(long startNanos);

    abstract void onEnding();

    /** Called on the VU's loop when it finished an iteration (think included). */
    abstract void iterationDone(VirtualUser vu);
}
