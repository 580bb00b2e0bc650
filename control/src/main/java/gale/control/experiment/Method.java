package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the experiment does: a load plan, faults at offsets and actions in order. */
public record Method(Optional<Load> load, List<Action.Timed> faults, List<Action.Timed> actions) {

    public Method {
        requireNonNull(load, "load");
        faults = List.copyOf(faults);
        actions = List.copyOf(actions);
    }

    /**
     * A load plan in the plan file's JSON form, its paths still relative: the stack's address is known only once it
     * runs ({@link LoadPlans}); {@code baseDir} is where its feeders' files are found.
     */
    public record Load(String planJson, Path baseDir) {
        public Load {
            requireNonNull(planJson, "planJson");
            requireNonNull(baseDir, "baseDir");
        }
    }
}
