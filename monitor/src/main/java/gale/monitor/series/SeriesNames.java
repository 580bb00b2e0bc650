package gale.monitor.series;

/** The dimensions of the {@link Series} the control plane records. Documented in docs/alarms.md. */
public final class SeriesNames {
    private SeriesNames() {}

    /** Dimension: the target group's name. */
    public static final String TARGET_GROUP = "targetGroup";
    /** Dimension: the service's name. */
    public static final String SERVICE = "service";
    /** Dimension: the task's id (per-task series, read by the autoscaler). */
    public static final String TASK = "task";
}
