package gale.control.deploy;

import gale.balancer.BalancerObserver;
import gale.balancer.RetryCause;
import gale.fleet.TaskEvent;
import gale.fleet.TaskListener;
import gale.fleet.TaskState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The balancer's own measurements of each revision of each service, for a deployment's analysis: responses, 5xx and
 * failed requests, and latency, recorded on the IO threads (wait-free) and read as intervals. Tasks are told apart by
 * the fleet's events: a target id is a task id.
 */
public final class RevisionMetrics implements BalancerObserver, TaskListener {

    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** The revision window of each live task, by task id. */
    private final Map<String, Window> byTask = new ConcurrentHashMap<>();

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public void onTaskEvent(TaskEvent event) {
        var task = event.task();
        if (task.state() == TaskState.STOPPED) {
            byTask.remove(task.id());
        } else {
            byTask.computeIfAbsent(task.id(), id -> window(task.service(), task.revision()));
        }
    }

    @Override
    public void requestCompleted(
            int listenerPort, String targetGroup, String targetId, int statusCode, long latencyNanos) {
        Window window = byTask.get(targetId);
        if (window != null) {
            window.requests.increment();
            if (statusCode >= 500) {
                window.errors.increment();
            }
            window.latency.recordValue(Math.min(latencyNanos, HIGHEST_NANOS));
        }
    }

    @Override
    public void retried(int listenerPort, String targetGroup, String fromTargetId, RetryCause cause) {
        Window window = byTask.get(fromTargetId);
        if (window != null) {
            window.requests.increment();
            window.errors.increment();
        }
    }

    /** What the revision's tasks did since the previous call for it (since its first task, the first time). */
    RevisionWindow measure(String service, int revision, double latencyPercentile) {
        Window window = window(service, revision);
        Histogram interval = window.latency.getIntervalHistogram();
        long requests = window.requests.sumThenReset();
        long errors = window.errors.sumThenReset();
        double latency = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(latencyPercentile) / 1e6;
        return new RevisionWindow(requests, errors, latency);
    }

    private Window window(String service, int revision) {
        return windows.computeIfAbsent(service + "#" + revision, key -> new Window());
    }

    private static final class Window {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Recorder latency = new Recorder(HIGHEST_NANOS, 2);
    }
}
