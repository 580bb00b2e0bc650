package gale.monitor.series;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the stack's {@link Series series} from the same hooks {@code GaleMetrics} is bound to, and answers
 * the per-task and per-group questions the autoscaler asks. The control plane calls {@link #tick()} once a second
 * so that count series of every known target group read 0, not missing, in a second without events.
 */
public final class StackSeries {
    private final TimeSeriesStore store;
    /** The known target groups and their keys, built once: {@link #requestCompleted} runs for every request. */
    private final Map<String, GroupKeys> targetGroups = new ConcurrentHashMap<>();
    /** Each target's request count key, built once (forgotten with the task). */
    private final Map<String, SeriesKey> targetKeys = new ConcurrentHashMap<>();

    private final Set<String> services = ConcurrentHashMap.newKeySet();

    public StackSeries(TimeSeriesStore store) {
        this.store = requireNonNull(store, "store");
    }

    public TimeSeriesStore store() {
        return store;
    }

    /** A target's response was relayed: counts per group and target, latency per group. One clock read for all. */
    public void requestCompleted(String targetGroup, String target, int status, long latencyNanos) {
        GroupKeys keys = keys(targetGroup);
        long second = store.currentSecond();
        countRequest(keys, status, second);
        store.recordInSecond(keys.latency, second, latencyNanos / 1e6);
        if (target != null) {
            SeriesKey key =
                    targetKeys.computeIfAbsent(target, t -> Series.TARGET_REQUEST_COUNT.key(SeriesNames.TASK, t));
            store.recordInSecond(key, second, 1);
        }
    }

    /** The balancer answered itself (no target): counted for the group when it had one, not timed. */
    public void rejected(String targetGroup, int status) {
        if (targetGroup != null) {
            countRequest(keys(targetGroup), status, store.currentSecond());
        }
    }

    private void countRequest(GroupKeys keys, int status, long second) {
        store.recordInSecond(keys.requests, second, 1);
        SeriesKey byClass = switch (status / 100) {
            case 2 -> keys.status2xx;
            case 4 -> keys.status4xx;
            case 5 -> keys.status5xx;
            default -> null;
        };
        if (byClass != null) {
            store.recordInSecond(byClass, second, 1);
        }
    }

    private GroupKeys keys(String targetGroup) {
        return targetGroups.computeIfAbsent(requireNonNull(targetGroup, "targetGroup"), GroupKeys::new);
    }

    /** The group's target counts now (after each target state change, or each second). */
    public void targetHealth(String targetGroup, int healthy, int unhealthy) {
        keys(targetGroup);
        store.record(Series.HEALTHY_TARGETS.key(SeriesNames.TARGET_GROUP, targetGroup), healthy);
        store.record(Series.UNHEALTHY_TARGETS.key(SeriesNames.TARGET_GROUP, targetGroup), unhealthy);
    }

    /** A task's per-second sample: per task, and into its service's average CPU and total memory. */
    public void taskSample(String service, String task, double cpuPercent, long memoryBytes) {
        services.add(service);
        store.record(Series.CPU_PERCENT.key(SeriesNames.TASK, task), cpuPercent);
        store.record(Series.MEMORY_BYTES.key(SeriesNames.TASK, task), memoryBytes);
        store.record(Series.CPU_PERCENT.key(SeriesNames.SERVICE, service), cpuPercent);
        store.record(Series.MEMORY_BYTES.key(SeriesNames.SERVICE, service), memoryBytes);
    }

    public void runningTasks(String service, int running) {
        services.add(service);
        store.record(Series.RUNNING_TASKS.key(SeriesNames.SERVICE, service), running);
    }

    public void desiredTasks(String service, int desired) {
        services.add(service);
        store.record(Series.DESIRED_TASKS.key(SeriesNames.SERVICE, service), desired);
    }

    public void taskRestarted(String service) {
        services.add(service);
        store.record(Series.TASK_RESTART_COUNT.key(SeriesNames.SERVICE, service), 1);
    }

    /** Makes sure a group's count series exist from the start (alarms on it go to OK, not INSUFFICIENT_DATA). */
    public void addTargetGroup(String targetGroup) {
        keys(targetGroup);
    }

    /** Once a second: every count series of every known group and service reads 0 for this second at least. */
    public void tick() {
        for (GroupKeys keys : targetGroups.values()) {
            store.touch(keys.requests);
            store.touch(keys.status2xx);
            store.touch(keys.status4xx);
            store.touch(keys.status5xx);
        }
        for (String service : services) {
            store.touch(Series.TASK_RESTART_COUNT.key(SeriesNames.SERVICE, service));
        }
    }

    /** A task's average CPU % over the last {@code window} (current second excluded); NaN without samples. */
    public double taskCpuPercent(String task, Duration window) {
        return store.last(Series.CPU_PERCENT.key(SeriesNames.TASK, task), window)
                .average();
    }

    /** A target's requests per second over the last {@code window}. */
    public double targetRequestsPerSecond(String task, Duration window) {
        Statistics stats = store.last(Series.TARGET_REQUEST_COUNT.key(SeriesNames.TASK, task), window);
        return stats.sum() / Math.max(1, window.toSeconds());
    }

    /** A group's p95 latency in ms over the last {@code window}; NaN without requests. */
    public double p95LatencyMs(String targetGroup, Duration window) {
        return store.last(Series.LATENCY_MS.key(SeriesNames.TARGET_GROUP, targetGroup), window)
                .p95();
    }

    /** Forgets a stopped task's series. */
    public void taskRemoved(String task) {
        targetKeys.remove(task);
        store.remove(Series.CPU_PERCENT.key(SeriesNames.TASK, task));
        store.remove(Series.MEMORY_BYTES.key(SeriesNames.TASK, task));
        store.remove(Series.TARGET_REQUEST_COUNT.key(SeriesNames.TASK, task));
    }

    /** The series keys of one target group. */
    private record GroupKeys(
            SeriesKey requests, SeriesKey status2xx, SeriesKey status4xx, SeriesKey status5xx, SeriesKey latency) {
        GroupKeys(String group) {
            this(
                    Series.HTTP_REQUEST_COUNT.key(SeriesNames.TARGET_GROUP, group),
                    Series.HTTP_2XX_COUNT.key(SeriesNames.TARGET_GROUP, group),
                    Series.HTTP_4XX_COUNT.key(SeriesNames.TARGET_GROUP, group),
                    Series.HTTP_5XX_COUNT.key(SeriesNames.TARGET_GROUP, group),
                    Series.LATENCY_MS.key(SeriesNames.TARGET_GROUP, group));
        }
    }
}
