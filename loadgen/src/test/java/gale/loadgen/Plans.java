package gale.loadgen;

import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanOptions;
import gale.loadgen.plan.RequestSpec;
import gale.loadgen.plan.Scenario;
import gale.loadgen.threshold.Threshold;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small plans for tests. */
final class Plans {

    private Plans() {}

    static LoadPlan one(URI url, ExecutorSpec executor, List<Threshold> thresholds) {
        Scenario s = new Scenario(
                "test",
                executor,
                List.of(RequestSpec.get(url)),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(5),
                Map.of());
        return new LoadPlan(List.of(s), thresholds, new PlanOptions(0, 2, Duration.ofSeconds(10), false));
    }

    static LoadPlan one(URI url, ExecutorSpec executor) {
        return one(url, executor, List.of());
    }
}
