package gale.control.dashboard;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Something in progress that the dashboard lists under "Active operations": a fault being injected, a deployment
 * rolling out. The page draws every kind the same way, so a new kind needs only an {@link OperationSource}.
 *
 * @param kind what it is, like {@code fault} or {@code deployment}
 * @param id its id in its own API
 * @param title one line, like {@code latency 200 ms on web (2 of 3 targets)}
 * @param state like {@code ACTIVE}, {@code IN_PROGRESS}, {@code ROLLING_BACK}
 * @param progress 0 to 1, or NaN when it has no measurable progress
 * @param detail more words (what is left, why it stopped), may be empty
 * @param actions what a user can do to it from the page
 */
public record Operation(
        String kind, String id, String title, String state, double progress, String detail, List<Action> actions) {

    public Operation {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(state, "state");
        requireNonNull(detail, "detail");
        if (!Double.isNaN(progress) && (progress < 0 || progress > 1)) {
            throw new IllegalArgumentException("progress: " + progress + " (expected: 0-1, or NaN)");
        }
        actions = List.copyOf(actions);
    }

    /**
     * A button on the page: it sends {@code method path} with {@code body} (JSON, may be empty) and the admin token.
     *
     * @param label the button's text, like {@code Clear} or {@code Roll back}
     */
    public record Action(String label, String method, String path, String body) {
        public Action {
            requireNonNull(label, "label");
            requireNonNull(method, "method");
            requireNonNull(body, "body");
            if (!requireNonNull(path, "path").startsWith("/api/")) {
                throw new IllegalArgumentException("path: " + path + " (expected: an admin API path under /api/)");
            }
        }
    }
}
