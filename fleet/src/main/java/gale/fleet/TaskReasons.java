package gale.fleet;

/** The reasons the fleet gives for task state changes, worded like ECS's stopped reasons. */
public final class TaskReasons {

    public static final String SCALING = "Scaling activity initiated by user";
    public static final String STOPPED_BY_USER = "Stopped by user";
    public static final String FAILED_HEALTH_CHECKS = "Task failed health checks";
    public static final String FAILED_TO_START = "Task failed to start";
    public static final String FLEET_SHUTDOWN = "Fleet shut down";
    public static final String LAUNCHED = "Task launched";
    public static final String ACCEPTING = "Task accepts connections on its port";

    private TaskReasons() {}

    /** {@code Essential container exited (code 137)}: the process exited on its own, or was killed from outside. */
    public static String exited(int code) {
        return "Essential container exited (code " + code + ")";
    }
}
