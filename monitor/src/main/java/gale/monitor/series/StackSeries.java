package gale.monitor.series;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the stack's {@link SeriesNames series} from the same hooks {@code GaleMetrics} is bound to, and answers
 * the per-task and per-group questions the autoscaler asks. The control plane calls {@link #tick()} once a second
 * so that count series of every known target group read 0, not missing, in a second without events.
 */
public final class StackSeries {
    private final TimeSeriesStore store;
    private final Set<String> targetGroups = ConcurrentHashMap.newKeySet();
    private final Set<String> services = ConcurrentHashMap.newKeySet();

    public StackSeries(TimeSeriesStore store) {
        this.store = requireNonNull(store, "store");
    }

    public TimeSeriesStore store() {
        return store;
    }

    /** A target's response was relayed: counts per group and target, latency per group. */
    public void requestCompleted(String targetGroup, String target, int status, long latencyNanos) {
        countRequest(targetGroup, status);
        store.record(group(SeriesNames.LATENCY_MS, targetGroup), latencyNanos / 1e6);
        if (target != null) {
            store.record(SeriesKey.of(SeriesNames.TARGET_REQUEST_COUNT, SeriesNames.TASK, target), 1);
        }
    }

    /** The balancer answered itself (no target): counted for the group when it had one, not timed. */
    public void rejected(String targetGroup, int status) {
        if (targetGroup != null) {
            countRequest(targetGroup, status);
        }
    }

    private void countRequest(String targetGroup, int status) {
        targetGroups.add(targetGroup);
        store.record(group(SeriesNames.HTTP_REQUEST_COUNT, targetGroup), 1);
        String byClass = switch (status / 100) {
            case 2 -> SeriesNames.HTTP_2XX_COUNT;
            case 4 -> SeriesNames.HTTP_4XX_COUNT;
            case 5 -> SeriesNames.HTTP_5XX_COUNT;
            default -> null;
        };
        if (byClass != null) {
            store.record(group(byClass, targetGroup), 1);
        }
    }

    /** The group's target counts now (after each target state change, or each second). */
    public void targetHealth(String targetGroup, int healthy, int unhealthy) {
        targetGroups.add(targetGroup);
        store.record(group(SeriesNames.HEALTHY_TARGETS, targetGroup), healthy);
        store.record(group(SeriesNames.UNHEALTHY_TARGETS, targetGroup), unhealthy);
    }

    /** A task's per-second sample: per task, and into its service's average CPU and total memory. */
    public void taskSample(String service, String task, double cpuPercent, long memoryBytes) {
        services.add(service);
        store.record(SeriesKey.of(SeriesNames.CPU_PERCENT, SeriesNames.TASK, task), cpuPercent);
        store.record(SeriesKey.of(SeriesNames.MEMORY_BYTES, SeriesNames.TASK, task), memoryBytes);
        store.record(SeriesKey.of(SeriesNames.CPU_PERCENT, SeriesNames.SERVICE, service), cpuPercent);
        store.record(SeriesKey.of(SeriesNames.MEMORY_BYTES, SeriesNames.SERVICE, service), memoryBytes);
    }

    public void runningTasks(String service, int running) {
        services.add(service);
        store.record(SeriesKey.of(SeriesNames.RUNNING_TASKS, SeriesNames.SERVICE, service), running);
    }

    public void taskRestarted(String service) {
        services.add(service);
        store.record(SeriesKey.of(SeriesNames.TASK_RESTART_COUNT, SeriesNames.SERVICE, service), 1);
    }

    /** Makes sure a group's count series exist from the start (alarms on it go to OK, not INSUFFICIENT_DATA). */
    public void addTargetGroup(String targetGroup) {
        targetGroups.add(requireNonNull(targetGroup, "targetGroup"));
    }

    /** Once a second: every count series of every known group and service reads 0 for this second at least. */
    public void tick() {
        for (String group : targetGroups) {
            for (String count : new String[] {
                SeriesNames.HTTP_REQUEST_COUNT,
                SeriesNames.HTTP_2XX_COUNT,
                SeriesNames.HTTP_4XX_COUNT,
                SeriesNames.HTTP_5XX_COUNT
            }) {
                store.touch(group(count, group));
            }
        }
        for (String service : services) {
            store.touch(SeriesKey.of(SeriesNames.TASK_RESTART_COUNT, SeriesNames.SERVICE, service));
        }
    }

    /** A task's average CPU % over the last {@code window} (current second excluded); NaN without samples. */
    public double taskCpuPercent(String task, Duration window) {
        return store.last(SeriesKey.of(SeriesNames.CPU_PERCENT, SeriesNames.TASK, task), window)
                .average();
    }

    /** A target's requests per second over the last {@code window}. */
    public double targetRequestsPerSecond(String task, Duration window) {
        Statistics stats = store.last(SeriesKey.of(SeriesNames.TARGET_REQUEST_COUNT, SeriesNames.TASK, task), window);
        return stats.sum() / Math.max(1, window.toSeconds());
    }

    /** A group's p95 latency in ms over the last {@code window}; NaN without requests. */
    public double p95LatencyMs(String targetGroup, Duration window) {
        return store.last(group(SeriesNames.LATENCY_MS, targetGroup), window).p95();
    }

    /** Forgets a stopped task's series. */
    public void taskRemoved(String task) {
        store.remove(SeriesKey.of(SeriesNames.CPU_PERCENT, SeriesNames.TASK, task));
        store.remove(SeriesKey.of(SeriesNames.MEMORY_BYTES, SeriesNames.TASK, task));
        store.remove(SeriesKey.of(SeriesNames.TARGET_REQUEST_COUNT, SeriesNames.TASK, task));
    }

    private static SeriesKey group(String metric, String targetGroup) {
        return SeriesKey.of(metric, SeriesNames.TARGET_GROUP, targetGroup);
    }
}
