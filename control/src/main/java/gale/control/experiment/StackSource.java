package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import gale.control.stack.StackConfig;
import java.net.URI;
import java.util.Optional;

/** The stack an experiment runs against: one it starts (from a file or inline) and stops, or one already running. */
public sealed interface StackSource {

    /** A stack the experiment starts on ephemeral ports and stops at the end; {@code origin} names it in reports. */
    record Started(StackConfig config, String origin) implements StackSource {
        public Started {
            requireNonNull(config, "config");
            requireNonNull(origin, "origin");
        }
    }

    /** A stack already running: its admin API, and the URL the load goes to (default: its first listener). */
    record Running(URI admin, Optional<URI> target) implements StackSource {
        public Running {
            requireNonNull(admin, "admin");
            requireNonNull(target, "target");
        }
    }
}
