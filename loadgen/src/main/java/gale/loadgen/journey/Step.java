package gale.loadgen.journey;

import gale.loadgen.feed.Feeder;
import java.util.List;
import java.util.Objects;

/**
 * One step of a journey: what it does ({@link Action}), when it runs ({@code when}, null for always) and how many
 * times in a row ({@code repeat}, k6's loops).
 */
public record Step(Action action, Condition when, int repeat) {

    public Step {
        Objects.requireNonNull(action, "action");
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat: " + repeat + " (expected: >= 0)");
        }
    }

    /** What a step does. */
    public sealed interface Action {}

    /** Sends one request, or several at once (k6's {@code http.batch}); the step ends when all have ended. */
    public record Send(List<StepRequest> requests) implements Action {
        public Send {
            requests = List.copyOf(requests);
            if (requests.isEmpty()) {
                throw new IllegalArgumentException("batch: [] (expected: at least one request)");
            }
        }
    }

    /** Steps whose time together is reported as {@code group_duration{group:NAME}} (k6's {@code group}). */
    public record Group(String name, int slot, List<Step> steps) implements Action {
        public Group {
            steps = List.copyOf(steps);
        }
    }

    /** Waits (think time) on the VU's event loop. */
    public record Pause(ThinkTime think) implements Action {}

    /** Takes the feeder's next record into variables (Gatling's {@code feed}). */
    public record Feed(Feeder feeder) implements Action {}
}
