package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A task changed state.
 *
 * @param task the task after the change
 * @param previous its state before, or {@code null} when it was just launched
 * @param reason why it changed (the same as {@code task.reason()})
 * @param at when it changed, by the fleet's clock
 */
public record TaskEvent(TaskSnapshot task, TaskState previous, String reason, Instant at) {

    public TaskEvent {
        requireNonNull(task, "task");
        requireNonNull(reason, "reason");
        requireNonNull(at, "at");
    }
}
