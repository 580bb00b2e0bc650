package gale.control.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One stage of a deployment; {@link #plan} turns a strategy's settings into its stages. */
sealed interface Phase {

    /** ECS's rolling update until every task runs the new revision. */
    record Rolling() implements Phase {}

    /**
     * Runs enough tasks of the new revision for {@code percent} of the desired count, waits until they are healthy,
     * then gives the new revision {@code weight} percent of the traffic.
     */
    record Shift(int percent, int weight) implements Phase {}

    /** Waits {@code duration}, or until promoted when null. */
    record Pause(Duration duration) implements Phase {}

    record Analyze(AnalysisSpec spec) implements Phase {}

    /** Both revisions run, the new one with all the traffic, for {@code duration}; alarms still roll back. */
    record Bake(Duration duration) implements Phase {}

    /** The old revisions leave the balancer, drain and stop. */
    record DrainOld() implements Phase {}

    /** The stages of a deployment of that strategy. */
    static List<Phase> plan(DeploymentConfig config) {
        List<Phase> phases = new ArrayList<>();
        switch (config.strategy()) {
            case ROLLING -> phases.add(new Rolling());
            case CANARY -> {
                for (CanaryStep step : config.canarySteps()) {
                    phases.add(
                            switch (step) {
                                case CanaryStep.SetWeight w -> new Shift(w.weight(), w.weight());
                                case CanaryStep.Pause p -> new Pause(p.duration());
                                case CanaryStep.Analysis a -> new Analyze(a.spec());
                            });
                }
                phases.add(new Shift(100, 100));
                phases.add(new Bake(config.bakeTime()));
            }
            case LINEAR -> {
                for (int weight = config.stepPercent(); weight < 100; weight += config.stepPercent()) {
                    phases.add(new Shift(weight, weight));
                    phases.add(new Pause(config.stepBakeTime()));
                }
                phases.add(new Shift(100, 100));
                phases.add(new Bake(config.bakeTime()));
            }
            case BLUE_GREEN -> {
                phases.add(new Shift(100, 0));
                phases.add(new Shift(100, 100));
                phases.add(new Bake(config.bakeTime()));
            }
        }
        phases.add(new DrainOld());
        return List.copyOf(phases);
    }

    /** How an event names it. */
    static String describe(Phase phase) {
        return switch (phase) {
            case Rolling r -> "rolling update";
            case Shift s when s.weight() == 0 -> "new revision at " + s.percent() + "% of the tasks, no traffic yet";
            case Shift s -> "setWeight " + s.weight() + "%";
            case Pause p ->
                p.duration() == null
                        ? "pause until promoted"
                        : "pause " + p.duration().toMillis() + " ms";
            case Analyze a ->
                "analysis: every " + a.spec().interval().toMillis() + " ms, "
                        + a.spec().count()
                        + " measurements, error rate <= " + a.spec().maxErrorRate() + ", p"
                        + a.spec().latencyPercentile()
                        + " <= " + a.spec().maxLatency().toMillis() + " ms";
            case Bake b -> "bake time " + b.duration().toMillis() + " ms";
            case DrainOld d -> "old revision drained";
        };
    }
}
