package gale.monitor.series;

/**
 * The series the control plane records each second and alarms and the autoscaler read, with their dimensions.
 * Counts are recorded once per event (value 1) so {@code sum} over a period is the count; gauges are recorded once
 * per second so {@code average} is the mean. Documented in docs/alarms.md.
 */
public final class SeriesNames {
    private SeriesNames() {}

    /** Dimension: the target group's name. */
    public static final String TARGET_GROUP = "targetGroup";
    /** Dimension: the service's name. */
    public static final String SERVICE = "service";
    /** Dimension: the task's id (per-task series, read by the autoscaler). */
    public static final String TASK = "task";

    /** Requests answered, per targetGroup (count). */
    public static final String HTTP_REQUEST_COUNT = "http_request_count";
    /** Responses with a 2xx status, per targetGroup (count). */
    public static final String HTTP_2XX_COUNT = "http_2xx_count";
    /** Responses with a 4xx status, per targetGroup (count). */
    public static final String HTTP_4XX_COUNT = "http_4xx_count";
    /** Responses with a 5xx status (the target's or the balancer's own), per targetGroup (count). */
    public static final String HTTP_5XX_COUNT = "http_5xx_count";
    /** Each request's latency in milliseconds, per targetGroup (samples: p95 available). */
    public static final String LATENCY_MS = "latency_ms";
    /** Requests answered by one target, per task (count; sum over a window / seconds = req/s). */
    public static final String TARGET_REQUEST_COUNT = "target_request_count";
    /** Healthy targets, per targetGroup (gauge). */
    public static final String HEALTHY_TARGETS = "healthy_targets";
    /** Unhealthy targets, per targetGroup (gauge). */
    public static final String UNHEALTHY_TARGETS = "unhealthy_targets";
    /** CPU in percent of the task's limit, per task, and per service (one sample per task: average = mean task). */
    public static final String CPU_PERCENT = "cpu_percent";
    /** Resident memory in bytes, per task, and per service (one sample per task: average = mean task). */
    public static final String MEMORY_BYTES = "memory_bytes";
    /** Running tasks, per service (gauge). */
    public static final String RUNNING_TASKS = "running_tasks";
    /** Desired tasks, per service (gauge). */
    public static final String DESIRED_TASKS = "desired_tasks";
    /** Tasks replaced after failing, per service (count). */
    public static final String TASK_RESTART_COUNT = "task_restart_count";
}
