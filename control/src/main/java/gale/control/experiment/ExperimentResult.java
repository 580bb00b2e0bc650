package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a run found: its status, every probe check, every action with its timing, the seed's figures beside Gale's,
 * the stack's events from the check before the method to the end of the rollbacks, and the method's load (its series
 * and the events during it) for the timeline.
 *
 * @param methodStart when the method started (offsets in actions and samples count from it); null if it never did
 * @param reason one sentence on why it ended as it did
 */
public record ExperimentResult(
        Experiment experiment,
        Status status,
        String reason,
        Instant started,
        Instant ended,
        Instant methodStart,
        List<ProbeCheck> checks,
        List<ActionRecord> actions,
        List<FigureResult> figures,
        List<ControlEvent> events,
        Optional<LoadResult> load) {

    public ExperimentResult {
        requireNonNull(experiment, "experiment");
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
        checks = List.copyOf(checks);
        actions = List.copyOf(actions);
        figures = List.copyOf(figures);
        events = List.copyOf(events);
        requireNonNull(load, "load");
    }

    /** Whether the hypothesis held: the exit code 0 of {@code gale experiment run}. */
    public boolean held() {
        return status == Status.COMPLETED;
    }
}
