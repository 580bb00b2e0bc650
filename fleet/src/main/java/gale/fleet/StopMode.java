package gale.fleet;

/** How {@link Fleet#stopTask} stops a task. */
public enum StopMode {
    /** Drain ({@link TaskLifecycle#beforeStop}), SIGTERM, then SIGKILL after the service's stop timeout. */
    GRACEFUL,
    /** SIGKILL at once, no drain: what a crash or {@code kill -9} does. */
    KILL
}
