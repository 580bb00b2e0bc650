package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An experiment as Chaos Toolkit shapes one (a steady-state hypothesis, a method, rollbacks), plus the stack it runs
 * against and, for the built-in ones, the seed's own figures. Values are those of one {@link Mode}.
 */
public record Experiment(
        String name,
        String title,
        String description,
        Mode mode,
        StackSource stack,
        Hypothesis hypothesis,
        Method method,
        List<Action> rollbacks,
        Optional<Seed> seed) {

    public Experiment {
        requireNonNull(name, "name");
        requireNonNull(title, "title");
        requireNonNull(description, "description");
        requireNonNull(mode, "mode");
        requireNonNull(stack, "stack");
        requireNonNull(hypothesis, "hypothesis");
        requireNonNull(method, "method");
        rollbacks = List.copyOf(rollbacks);
        requireNonNull(seed, "seed");
    }
}
