package gale.fleet;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Services of tasks that are OS processes: launched from a template, supervised, replaced when they die, drained
 * and stopped. Thread-safe. {@link #close()} stops every task it started.
 */
public final class Fleet implements AutoCloseable {

    public Fleet(FleetConfig config, TaskLifecycle lifecycle) {
        throw new UnsupportedOperationException("fleet: not implemented yet");
    }

    /** Creates a service and launches its desired count of tasks. */
    public void createService(ServiceConfig service) {}

    /** Changes a service's desired count: launches tasks, or stops the newest ones gracefully. */
    public void scale(String service, int desiredCount) {}

    /** As {@link #scale(String, int)}, with the reason the stopped tasks carry. */
    public void scale(String service, int desiredCount, String reason) {}

    /**
     * Stops one task; its service keeps its desired count, so a replacement launches (like ECS). The future
     * completes when the task is STOPPED.
     */
    public CompletableFuture<Void> stopTask(String taskId, StopMode mode, String reason) {
        return CompletableFuture.completedFuture(null);
    }

    /** Launches a replacement, then stops this task gracefully (e.g. it failed its health checks). */
    public CompletableFuture<Void> replaceTask(String taskId, String reason) {
        return CompletableFuture.completedFuture(null);
    }

    /** Every live task and the newest stopped ones, by service then launch time. */
    public List<TaskSnapshot> tasks() {
        return List.of();
    }

    public Optional<TaskSnapshot> task(String taskId) {
        return Optional.empty();
    }

    public List<ServiceSnapshot> services() {
        return List.of();
    }

    public void addListener(TaskListener listener) {}

    /** Stops every task gracefully (bounded by the stop timeouts), then kills whatever is left. Idempotent. */
    @Override
    public void close() {}
}
