package gale.control.deploy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** One of Argo Rollouts' canary steps. */
public sealed interface CanaryStep {

    /** Sends {@code weight} percent of the traffic to the new revision, once enough of its tasks are healthy. */
    record SetWeight(int weight) implements CanaryStep {
        public SetWeight {
            if (weight < 0 || weight > 100) {
                throw new IllegalArgumentException("setWeight: " + weight + " (expected: 0-100)");
            }
        }
    }

    /** Waits {@code duration}, or until promoted when it is null ({@code pause: {}}). */
    record Pause(Duration duration) implements CanaryStep {
        public Pause {
            if (duration != null && duration.isNegative()) {
                throw new IllegalArgumentException("pause.duration: " + duration + " (expected: >= 0)");
            }
        }
    }

    /** Measures the new revision; a failed analysis rolls back. */
    record Analysis(AnalysisSpec spec) implements CanaryStep {
        public Analysis {
            requireNonNull(spec, "spec");
        }
    }
}
