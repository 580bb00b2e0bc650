package gale.fleet.fault;

/** The signals {@code task-kill} sends, as FIS's {@code aws:ecs:task-kill-process} does. */
public enum TaskSignal {
    /** SIGKILL: the process ends at once, as a crash or the OOM killer would end it. */
    KILL,
    /** SIGTERM: the process may shut down cleanly, with no drain first. */
    TERM
}
