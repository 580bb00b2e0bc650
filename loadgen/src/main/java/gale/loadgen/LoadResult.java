package gale.loadgen;

import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.threshold.ThresholdResult;
import java.util.List;

/**
 * What a test measured: totals, threshold outcomes, the 1-second series and control-plane events.
 *
 * @param interrupted stopped early (Ctrl-C or {@link LoadRun#stop()})
 * @param aborted stopped early by a threshold with abortOnFail
 */
public record LoadResult(
        Results results,
        List<ThresholdResult> thresholds,
        List<SecondRow> series,
        List<ControlEvent> events,
        boolean interrupted,
        boolean aborted) {

    /** Exit code 99 when a threshold failed, as k6. */
    public static final int EXIT_THRESHOLD_FAILED = 99;

    public LoadResult {
        thresholds = List.copyOf(thresholds);
        series = List.copyOf(series);
        events = List.copyOf(events);
    }

    public boolean thresholdsPassed() {
        return thresholds.stream().allMatch(ThresholdResult::passed);
    }

    /** 0, or 99 when a threshold failed. */
    public int exitCode() {
        return thresholdsPassed() ? 0 : EXIT_THRESHOLD_FAILED;
    }
}
