package gale.control.deploy;

import java.util.Locale;

/** Judges an analysis' measurements against its success condition, and counts them (Argo's AnalysisRun). */
final class AnalysisJudge {

    enum Verdict {
        RUNNING,
        PASSED,
        FAILED
    }

    private final AnalysisSpec spec;
    private int successes;
    private int failures;
    private String last = "no measurement yet";

    AnalysisJudge(AnalysisSpec spec) {
        this.spec = spec;
    }

    /** Takes one measurement; fewer than minRequests requests is inconclusive and not counted. */
    Verdict measure(RevisionWindow window) {
        if (window.requests() < spec.minRequests()) {
            last = String.format(
                    Locale.ROOT, "inconclusive: %d requests (expected: >= %d)", window.requests(), spec.minRequests());
            return Verdict.RUNNING;
        }
        boolean errorsOk = window.errorRate() <= spec.maxErrorRate();
        boolean latencyOk = window.latencyMillis() <= spec.maxLatency().toMillis();
        last = String.format(
                Locale.ROOT,
                "error rate %.1f%% of %d requests (expected: <= %.1f%%), p%s %.0f ms (expected: <= %d ms)",
                window.errorRate() * 100,
                window.requests(),
                spec.maxErrorRate() * 100,
                format(spec.latencyPercentile()),
                window.latencyMillis(),
                spec.maxLatency().toMillis());
        if (errorsOk && latencyOk) {
            successes++;
        } else {
            failures++;
        }
        if (failures > spec.failureLimit()) {
            return Verdict.FAILED;
        }
        return successes + failures >= spec.count() ? Verdict.PASSED : Verdict.RUNNING;
    }

    /** The last measurement, in words. */
    String last() {
        return last;
    }

    private static String format(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
