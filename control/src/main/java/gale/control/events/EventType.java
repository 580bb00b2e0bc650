package gale.control.events;

/** The event types the control plane emits; their names are part of the API (docs/api.md). */
public final class EventType {

    public static final String STACK_STARTED = "stack.started";
    public static final String STACK_STOPPING = "stack.stopping";
    public static final String TASK_PENDING = "task.pending";
    public static final String TASK_RUNNING = "task.running";
    public static final String TASK_DRAINING = "task.draining";
    public static final String TASK_STOPPED = "task.stopped";
    public static final String TARGET_INITIAL = "target.initial";
    public static final String TARGET_HEALTHY = "target.healthy";
    public static final String TARGET_UNHEALTHY = "target.unhealthy";
    public static final String TARGET_DRAINING = "target.draining";
    public static final String SERVICE_SCALED = "service.scaled";
    public static final String FAILOPEN_ENTERED = "failopen.entered";
    public static final String FAILOPEN_LEFT = "failopen.left";
    /** A limit's use passed 80% (a target's requests in flight of its maxConnections, or a group's queue). */
    public static final String LIMIT_HIGH = "limit.high";
    /** An autoscaler decision (every change, and each new kind of "no change"), with its reason. */
    public static final String AUTOSCALING_DECISION = "autoscaling.decision";

    /** A fault was injected (docs/faults.md); the reason says what it acts on and for how long. */
    public static final String FAULT_STARTED = "fault.started";
    /** A fault ended and was reverted; the reason says why: its duration, a user, an alarm, the stack stopping. */
    public static final String FAULT_ENDED = "fault.ended";

    public static final String ALARM_OK = "alarm.ok";
    public static final String ALARM_ALARM = "alarm.alarm";
    public static final String ALARM_INSUFFICIENT_DATA = "alarm.insufficient_data";

    /** A managed database or cache server: started (or restarted with its data), exited, health, stopped. */
    public static final String DATA_STARTED = "data.started";

    public static final String DATA_EXITED = "data.exited";
    public static final String DATA_HEALTHY = "data.healthy";
    public static final String DATA_UNHEALTHY = "data.unhealthy";
    public static final String DATA_STOPPED = "data.stopped";

    private EventType() {}
}
