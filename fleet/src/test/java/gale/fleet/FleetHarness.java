package gale.fleet;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A fleet for one test: task logs in a temp dir, quick backoff and sampling, an event log; closed after. */
final class FleetHarness implements AutoCloseable {

    static final Backoff QUICK_BACKOFF = Backoff.exponential(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));

    final Fleet fleet;
    final EventLog events = new EventLog();
    final Path logs;

    FleetHarness(Path logs, TaskLifecycle lifecycle) {
        this(
                new FleetConfig(logs, Clock.systemUTC())
                        .withRestartBackoff(QUICK_BACKOFF)
                        .withSampleInterval(Duration.ofMillis(200)),
                lifecycle);
    }

    FleetHarness(FleetConfig config, TaskLifecycle lifecycle) {
        this.logs = config.logDirectory();
        this.fleet = new Fleet(config, lifecycle);
        fleet.addListener(events);
    }

    List<TaskSnapshot> inState(String service, TaskState state) {
        return fleet.tasks().stream()
                .filter(task -> task.service().equals(service) && task.state() == state)
                .toList();
    }

    List<TaskSnapshot> awaitRunning(String service, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inState(service, TaskState.RUNNING).size() == count
                        && inState(service, TaskState.PENDING).isEmpty());
        return inState(service, TaskState.RUNNING);
    }

    TaskSnapshot awaitStopped(String taskId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fleet.task(taskId)
                        .map(task -> task.state() == TaskState.STOPPED)
                        .orElse(false));
        return fleet.task(taskId).orElseThrow();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() {
        fleet.close();
    }
}
