package gale.loadgen.plan;

import gale.loadgen.threshold.Threshold;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole load test: scenarios that run at once, thresholds on the results, engine options, and the faults injected
 * through a Gale control plane during it.
 */
public record LoadPlan(
        List<Scenario> scenarios, List<Threshold> thresholds, PlanOptions options, List<FaultStep> faults) {

    public LoadPlan(List<Scenario> scenarios, List<Threshold> thresholds, PlanOptions options) {
        this(scenarios, thresholds, options, List.of());
    }

    public LoadPlan {
        if (scenarios == null || scenarios.isEmpty()) {
            throw PlanException.field("scenarios", "{}", "at least one scenario");
        }
        scenarios = List.copyOf(scenarios);
        thresholds = List.copyOf(Objects.requireNonNullElse(thresholds, List.of()));
        options = Objects.requireNonNullElse(options, PlanOptions.DEFAULTS);
        faults = List.copyOf(Objects.requireNonNullElse(faults, List.of()));
        if (scenarios.stream()
                        .filter(s -> s.executor() instanceof ExecutorSpec.ExternallyControlled)
                        .count()
                > 1) {
            throw PlanException.field(
                    "scenarios",
                    "two or more externally-controlled",
                    "at most one: the API's vus and paused act on it");
        }
        Set<String> names = new HashSet<>();
        for (Scenario s : scenarios) {
            if (!names.add(s.name())) {
                throw PlanException.field("scenarios", s.name(), "unique scenario names");
            }
        }
    }

    /** When the last scenario stops starting iterations (before graceful stops). */
    public Duration length() {
        return scenarios.stream().map(Scenario::end).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The most VUs all scenarios may hold together. */
    public int maxVus() {
        return scenarios.stream().mapToInt(s -> s.executor().maxVus()).sum();
    }
}
