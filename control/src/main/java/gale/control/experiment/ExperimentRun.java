package gale.control.experiment;

import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.control.ControlEventSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of an experiment, in Chaos Toolkit's order: the stack (started, or reached), the hypothesis before the
 * method (the run stops there if it does not hold), the method (load, faults and actions at their offsets, the
 * hypothesis sampled during it), the hypothesis after it (within {@code recovery}), then the rollbacks, which always
 * run; a stack the run started is stopped last, whatever happened.
 */
public final class ExperimentRun {

    /** The longest a started stack may take to run every desired task, healthy, before the run is aborted. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration POLL = Duration.ofMillis(250);

    private final Experiment experiment;
    private final PrintStream out;
    private final PrintStream progress;
    private final Path stateRoot;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Pause pause = new Pause();
    private volatile LoadRun load;
    private volatile boolean interrupted;

    /**
     * @param out where the method's load prints its summary (k6's)
     * @param progress where each step is told as it happens
     * @param stateRoot where running stacks keep their tokens ({@code ~/.gale/stacks}), for a {@code running} stack
     */
    public ExperimentRun(Experiment experiment, PrintStream out, PrintStream progress, Path stateRoot) {
        this.experiment = experiment;
        this.out = out;
        this.progress = progress;
        this.stateRoot = stateRoot;
    }

    /** Ctrl-C: stops the method, runs the rollbacks and stops the stack; returns once that is done (or 60 s). */
    public void interrupt() {
        interrupted = true;
        pause.cancel();
        LoadRun running = load;
        if (running != null) {
            running.stop();
        }
        try {
            done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ExperimentResult run() {
        Instant started = Instant.now();
        Outcome outcome = new Outcome();
        try (StackHandle stack = StackHandle.open(experiment.stack(), stateRoot)) {
            say("stack: "
                    + (stack.startedHere()
                            ? "started, admin " + stack.admin().base()
                            : "running at " + stack.admin().base())
                    + stack.target().map(t -> ", load to " + t).orElse(""));
            StateProbes state = new StateProbes(stack.admin());
            ActionRunner actions = new ActionRunner(stack.admin(), state, pause);
            ControlEventSource events = new ControlEventSource(stack.admin().base(), Clock.systemUTC()).start();
            try {
                if (stack.startedHere()) {
                    awaitReady(stack);
                }
                HypothesisCheck outside = new HypothesisCheck(experiment.hypothesis(), state, stack.target());
                List<ProbeCheck> before = outside.check(Phase.BEFORE);
                outcome.checks.addAll(before);
                report(before);
                if (before.stream().allMatch(ProbeCheck::held)) {
                    new MethodRun(experiment, stack, state, actions, pause, this::say, this::loadStarted)
                            .run(outcome, out);
                    load = null;
                    if (outcome.status == null) {
                        List<ProbeCheck> after = after(outside);
                        outcome.checks.addAll(after);
                        report(after);
                    }
                } else {
                    outcome.end(Status.ABORTED, "the steady state did not hold before the method, which did not run");
                }
            } catch (InterruptedException e) {
                outcome.end(Status.INTERRUPTED, "interrupted");
            } finally {
                rollbacks(actions, outcome);
                events.close();
                outcome.events.addAll(events.all());
            }
        } catch (RuntimeException e) {
            outcome.end(Status.ABORTED, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            done.countDown();
        }
        if (interrupted) {
            outcome.status = Status.INTERRUPTED;
            outcome.reason = "interrupted (Ctrl-C or SIGTERM); the rollbacks ran and the stack stopped";
        }
        if (outcome.status == null) {
            boolean held = outcome.checks.stream().allMatch(ProbeCheck::held);
            outcome.end(
                    held ? Status.COMPLETED : Status.DEVIATED,
                    held
                            ? "the steady state held before, during and after the method"
                            : "the steady state did not hold: " + failed(outcome.checks));
        }
        return new ExperimentResult(
                experiment,
                outcome.status,
                outcome.reason,
                started,
                Instant.now(),
                outcome.methodStart,
                outcome.checks,
                outcome.actions,
                outcome.figures,
                outcome.events,
                Optional.ofNullable(outcome.load));
    }

    private void loadStarted(LoadRun run) {
        load = run;
        if (interrupted) {
            run.stop();
        }
    }

    /** After the method: every probe within tolerance at once, within {@code recovery}; the last reading counts. */
    private List<ProbeCheck> after(HypothesisCheck outside) throws InterruptedException {
        long deadline = System.nanoTime() + experiment.hypothesis().recovery().toNanos();
        List<ProbeCheck> checks = outside.check(Phase.AFTER);
        while (!checks.stream().allMatch(ProbeCheck::held) && System.nanoTime() < deadline && !pause.cancelled()) {
            pause.sleep(experiment.hypothesis().interval());
            checks = outside.check(Phase.AFTER);
        }
        return checks;
    }

    private void awaitReady(StackHandle stack) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!StateProbes.ready(stack.admin().status())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stack did not run every desired task, healthy, within "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
            pause.sleep(POLL);
        }
        say("stack: every desired task runs, healthy");
    }

    private void rollbacks(ActionRunner method, Outcome outcome) {
        ActionRunner actions = method.forRollbacks();
        long start = System.currentTimeMillis();
        for (Action action : experiment.rollbacks()) {
            long at = System.currentTimeMillis();
            try {
                String result = actions.run(action);
                outcome.actions.add(new ActionRecord(
                        "rollback", action.describe(), at - start, System.currentTimeMillis() - at, true, result));
                say("rollback: " + action.describe() + ": " + result);
            } catch (RuntimeException | InterruptedException e) {
                outcome.actions.add(new ActionRecord(
                        "rollback",
                        action.describe(),
                        at - start,
                        System.currentTimeMillis() - at,
                        false,
                        String.valueOf(e.getMessage())));
                say("rollback: " + action.describe() + " failed: " + e.getMessage());
            }
        }
        actions.clearFaults();
    }

    private void report(List<ProbeCheck> checks) {
        for (ProbeCheck c : checks) {
            say(String.format(
                    "%-6s %-4s %s: %s (tolerance %s)",
                    c.phase().key(),
                    c.held() ? "ok" : "FAIL",
                    c.probe().name(),
                    c.shown(),
                    c.tolerance().describe(c.probe().measure().kind().unit())));
        }
    }

    private void say(String line) {
        progress.println("experiment: " + line);
        progress.flush();
    }

    private static String failed(List<ProbeCheck> checks) {
        return String.join(
                "; ",
                checks.stream()
                        .filter(c -> !c.held())
                        .map(c -> c.probe().name() + " " + c.phase().key())
                        .toList());
    }

    /** What the run has found so far; the method adds its part. */
    static final class Outcome {
        Status status;
        String reason = "";
        Instant methodStart;
        LoadResult load;
        final List<ProbeCheck> checks = new ArrayList<>();
        final List<ActionRecord> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<FigureResult> figures = new ArrayList<>();
        final List<ControlEvent> events = new ArrayList<>();

        void end(Status status, String reason) {
            if (this.status == null) {
                this.status = status;
                this.reason = reason;
            }
        }
    }
}
