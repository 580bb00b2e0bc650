package gale.control.experiment;

import static java.util.Objects.requireNonNull;

/**
 * An action as it ran: when (milliseconds from the start of the method; rollbacks from the start of the rollbacks),
 * how long it took, and what came of it.
 *
 * @param part {@code method}, {@code fault} or {@code rollback}
 * @param outcome what the stack answered (a task id, a fault id, a deployment's end) or why it failed
 */
public record ActionRecord(String part, String action, long startMillis, long tookMillis, boolean ok, String outcome) {

    public ActionRecord {
        requireNonNull(part, "part");
        requireNonNull(action, "action");
        requireNonNull(outcome, "outcome");
    }
}
