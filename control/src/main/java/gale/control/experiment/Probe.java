package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One probe of the steady-state hypothesis: a measure, the tolerance it must be within at each phase it is checked in
 * (a phase without one is not checked), and for traffic probes the window of the method it covers.
 */
public record Probe(String name, Measure measure, Map<Phase, Tolerance> tolerances, Window window) {

    public Probe {
        requireNonNull(name, "name");
        requireNonNull(measure, "measure");
        requireNonNull(window, "window");
        if (tolerances.isEmpty()) {
            throw new IllegalArgumentException("tolerance: none (expected: at least one phase checked)");
        }
        tolerances = java.util.Collections.unmodifiableMap(new EnumMap<>(tolerances));
    }

    public Optional<Tolerance> tolerance(Phase phase) {
        return Optional.ofNullable(tolerances.get(phase));
    }
}
