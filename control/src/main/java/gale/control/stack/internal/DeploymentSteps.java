package gale.control.stack.internal;

import gale.control.deploy.AnalysisSpec;
import gale.control.deploy.CanaryStep;

/**
 * One of {@code deployment.steps}, Argo Rollouts' canary steps: {@code setWeight: 10}, {@code pause: {duration: 30s}}
 * or {@code pause: {}}, or {@code analysis: {...}} with {@link AnalysisSpec}'s keys and defaults.
 */
final class DeploymentSteps {

    private DeploymentSteps() {}

    static CanaryStep step(Section s) {
        int kinds = (s.has("setWeight") ? 1 : 0) + (s.has("pause") ? 1 : 0) + (s.has("analysis") ? 1 : 0);
        if (kinds != 1) {
            throw s.error("a step with " + kinds + " kinds (expected: exactly one of setWeight, pause, analysis)");
        }
        CanaryStep step;
        if (s.has("setWeight")) {
            int weight = s.integer("setWeight", 0);
            step = s.build(() -> new CanaryStep.SetWeight(weight));
        } else if (s.has("pause")) {
            Section p = s.section("pause");
            java.time.Duration duration = p.duration("duration", null);
            p.finish();
            step = p.build(() -> new CanaryStep.Pause(duration));
        } else {
            Section a = s.section("analysis");
            AnalysisSpec d = AnalysisSpec.DEFAULTS;
            var interval = a.duration("interval", d.interval());
            int count = a.integer("count", d.count());
            int failureLimit = a.integer("failureLimit", d.failureLimit());
            double maxErrorRate = a.number("maxErrorRate", d.maxErrorRate());
            double percentile = a.number("latencyPercentile", d.latencyPercentile());
            var maxLatency = a.duration("maxLatency", d.maxLatency());
            int minRequests = a.integer("minRequests", d.minRequests());
            a.finish();
            step = a.build(() -> new CanaryStep.Analysis(new AnalysisSpec(
                    interval, count, failureLimit, maxErrorRate, percentile, maxLatency, minRequests)));
        }
        s.finish();
        return step;
    }
}
