package gale.control.experiment;

import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The method: the load starts, and its clock is the method's; each fault fires at its offset; the actions run in
 * order, each at its offset when it has one; state probes are sampled meanwhile. It ends when the load and the
 * actions have (and the last fault has fired); an action that fails stops it early.
 */
final class MethodRun {

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final Experiment experiment;
    private final StackHandle stack;
    private final StateProbes state;
    private final ActionRunner actions;
    private final Pause pause;
    private final Consumer<String> say;
    private final Consumer<LoadRun> loadStarted;

    MethodRun(
            Experiment experiment,
            StackHandle stack,
            StateProbes state,
            ActionRunner actions,
            Pause pause,
            Consumer<String> say,
            Consumer<LoadRun> loadStarted) {
        this.experiment = experiment;
        this.stack = stack;
        this.state = state;
        this.actions = actions;
        this.pause = pause;
        this.say = say;
        this.loadStarted = loadStarted;
    }

    void run(ExperimentRun.Outcome outcome, PrintStream out) throws InterruptedException {
        Method method = experiment.method();
        LoadRun load = null;
        if (method.load().isPresent()) {
            var target = stack.target()
                    .orElseThrow(() -> new IllegalStateException("the stack has no listener to send the load to"));
            LoadOutput output = new LoadOutput(
                            out,
                            DISCARD,
                            false,
                            true,
                            null,
                            null,
                            null,
                            stack.admin().base(),
                            Clock.systemUTC())
                    .withControlToken(stack.token().orElse(null));
            load = LoadRun.start(LoadPlans.against(method.load().get(), target), output);
            loadStarted.accept(load);
        }
        long start = System.currentTimeMillis();
        outcome.methodStart = java.time.Instant.ofEpochMilli(start);
        say.accept("method: started" + (load == null ? "" : ", load running"));
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("gale-experiment-faults").unstarted(r));
        DuringSampler sampler = new DuringSampler(experiment.hypothesis(), state, start);
        try {
            for (Action.Timed f : method.faults()) {
                faults.schedule(
                        () -> perform("fault", f.action(), start, outcome),
                        f.at().orElse(Duration.ZERO).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            for (Action.Timed a : method.actions()) {
                if (a.at().isPresent()) {
                    long wait = start + a.at().get().toMillis() - System.currentTimeMillis();
                    pause.sleep(Duration.ofMillis(wait));
                }
                if (!perform("method", a.action(), start, outcome)) {
                    outcome.end(
                            Status.ABORTED, "an action failed: " + a.action().describe());
                    if (load != null) {
                        load.stop();
                    }
                    break;
                }
            }
            long lastFault = method.faults().stream()
                    .mapToLong(f -> f.at().orElse(Duration.ZERO).toMillis())
                    .max()
                    .orElse(0);
            long wait = start + lastFault - System.currentTimeMillis();
            if (outcome.status == null) {
                pause.sleep(Duration.ofMillis(wait));
            }
        } catch (InterruptedException e) {
            if (load != null) {
                load.stop();
            }
            throw e;
        } finally {
            if (load != null) {
                LoadResult result = load.await();
                outcome.load = result;
                measure(result, start, outcome);
            }
            settle(faults, outcome.status == null && !pause.cancelled());
            outcome.checks.addAll(sampler.checks());
            say.accept("method: ended after " + (System.currentTimeMillis() - start) / 1000.0 + " s");
        }
    }

    /** Lets the faults due by now finish firing, or cancels those still pending when the method was cut short. */
    private static void settle(ScheduledExecutorService faults, boolean complete) {
        if (!complete) {
            faults.shutdownNow();
            return;
        }
        faults.shutdown();
        try {
            if (!faults.awaitTermination(30, TimeUnit.SECONDS)) {
                faults.shutdownNow();
            }
        } catch (InterruptedException e) {
            faults.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Traffic probes during the method, and the seed's figures, over their windows of the load. */
    private void measure(LoadResult result, long start, ExperimentRun.Outcome outcome) {
        TrafficMeasures traffic = new TrafficMeasures(result, start);
        for (Probe p : experiment.hypothesis().probes()) {
            if (p.measure().kind().traffic() && p.tolerance(Phase.DURING).isPresent()) {
                double value = traffic.measure(p.measure(), p.window());
                boolean held = !Double.isNaN(value)
                        && p.tolerance(Phase.DURING).orElseThrow().holds(value);
                outcome.checks.add(new ProbeCheck(
                        p,
                        Phase.DURING,
                        value,
                        held,
                        "the load over " + p.window().describe(),
                        List.of()));
            }
        }
        experiment
                .seed()
                .ifPresent(seed -> seed.figures()
                        .forEach(f ->
                                outcome.figures.add(new FigureResult(f, traffic.measure(f.measure(), f.window())))));
    }

    private boolean perform(String part, Action action, long start, ExperimentRun.Outcome outcome) {
        long at = System.currentTimeMillis();
        try {
            String result = actions.run(action);
            outcome.actions.add(new ActionRecord(
                    part, action.describe(), at - start, System.currentTimeMillis() - at, true, result));
            say.accept(String.format("%s at %.1f s: %s: %s", part, (at - start) / 1000.0, action.describe(), result));
            return true;
        } catch (InterruptedException e) {
            outcome.actions.add(new ActionRecord(
                    part, action.describe(), at - start, System.currentTimeMillis() - at, false, "interrupted"));
            return false;
        } catch (RuntimeException e) {
            outcome.actions.add(new ActionRecord(
                    part,
                    action.describe(),
                    at - start,
                    System.currentTimeMillis() - at,
                    false,
                    String.valueOf(e.getMessage())));
            say.accept(part + ": " + action.describe() + " failed: " + e.getMessage());
            return false;
        }
    }
}
