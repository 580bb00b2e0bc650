package gale.fleet;

/** Where a task is in its life, as ECS names it: {@code PENDING → RUNNING → DRAINING → STOPPED}. */
public enum TaskState {
    /** Launched; its process does not accept TCP connections on its port yet. */
    PENDING,
    /** Its process accepts TCP connections on its port. */
    RUNNING,
    /** Being stopped gracefully: the owner drains it ({@link TaskLifecycle#beforeStop}), then SIGTERM, SIGKILL. */
    DRAINING,
    /** Its process has exited; the snapshot's reason says why. */
    STOPPED;

    /** Whether the task counts toward its service's desired count. */
    public boolean isActive() {
        return this == PENDING || this == RUNNING;
    }
}
