package gale.fleet;

import gale.fleet.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every service at its desired count. All state changes happen on one thread (the loop), so the state
 * machine needs no locks; snapshots are published through volatile fields for readers on other threads.
 */
final class Supervisor {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final FleetConfig config;
    private final TaskLifecycle lifecycle;
    private final TaskLauncher launcher;
    private final ScheduledExecutorService loop;
    private final RandomGenerator random;
    private final Map<String, ServiceState> services = new ConcurrentHashMap<>();
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final Deque<TaskRecord> stoppedOrder = new ArrayDeque<>();
    private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();
    private final TaskStopper stopper;
    private boolean closing;

    Supervisor(
            FleetConfig config,
            TaskLifecycle lifecycle,
            TaskLauncher launcher,
            ScheduledExecutorService loop,
            RandomGenerator random) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.launcher = launcher;
        this.loop = loop;
        this.random = random;
        this.stopper = new TaskStopper(lifecycle, loop, this::transition);
    }

    void addListener(TaskListener listener) {
        listeners.add(listener);
    }

    Map<String, ServiceState> services() {
        return services;
    }

    Map<String, TaskRecord> tasks() {
        return tasks;
    }

    // ---- operations, run on the loop ----

    void createService(ServiceState service) {
        reconcile(service);
    }

    void scale(ServiceState service, int desiredCount, String reason) {
        service.desiredCount = desiredCount;
        service.scaleReason = reason;
        if (!service.deploying()) {
            // During a deployment its owner sizes each revision, and aims at the new desired count.
            service.current.desiredCount = desiredCount;
        }
        log.info("Service {} scaled to {} ({})", service.name(), desiredCount, reason);
        reconcile(service);
    }

    int registerRevision(ServiceState service, ServiceConfig definition) {
        int number = service.revisions.size() + 1;
        service.revisions.put(number, new RevisionState(number, definition, 0));
        log.info("Service {}: revision {} registered", service.name(), number);
        publish(service);
        return number;
    }

    /** Sizes each revision (those left out get 0); when one revision alone has tasks, it becomes the current one. */
    void setRevisionCounts(ServiceState service, Map<Integer, Integer> counts, String reason) {
        for (Integer number : counts.keySet()) {
            if (!service.revisions.containsKey(number)) {
                throw new IllegalArgumentException(
                        "revision: " + number + " (expected: one of " + service.revisions.keySet() + ")");
            }
        }
        for (RevisionState revision : service.revisions.values()) {
            revision.desiredCount = counts.getOrDefault(revision.number, 0);
        }
        List<RevisionState> sized = service.revisions.values().stream()
                .filter(revision -> revision.desiredCount > 0)
                .toList();
        if (sized.size() == 1) {
            service.current = sized.getFirst();
            service.desiredCount = service.current.desiredCount;
        }
        service.scaleReason = reason;
        log.info("Service {}: revisions sized {} ({})", service.name(), counts, reason);
        reconcile(service);
    }

    void stopTask(TaskRecord record, StopMode mode, String reason) {
        stopper.stop(record, mode, reason);
        reconcile(record.service);
    }

    void replaceTask(TaskRecord record, String reason) {
        if (!record.countsTowardDesired()) {
            // Already stopping (or stopped): its replacement is on its way.
            return;
        }
        countFailure(record);
        // Marked as stopping first, so that the replacement launches before this task is signalled.
        record.stopReason = reason;
        reconcile(record.service);
        stopper.stop(record, StopMode.GRACEFUL, reason);
    }

    /** Stops every task gracefully; the futures complete as each one is STOPPED. */
    List<CompletableFuture<Void>> closeAll() {
        closing = true;
        for (ServiceState service : services.values()) {
            if (service.launchTimer != null) {
                service.launchTimer.cancel(false);
            }
        }
        List<TaskRecord> live = tasks.values().stream()
                .filter(record -> record.state() != TaskState.STOPPED)
                .toList();
        for (TaskRecord record : live) {
            stopper.stop(record, StopMode.GRACEFUL, TaskReasons.FLEET_SHUTDOWN);
        }
        return live.stream().map(record -> record.stopped).toList();
    }

    /** Reads CPU and memory of every live task; no event, the snapshots just carry the new figures. */
    void sample() {
        long now = System.nanoTime();
        for (TaskRecord record : tasks.values()) {
            if (record.process != null && record.state() != TaskState.STOPPED) {
                try {
                    var reading = record.meter.sample(record.sampledProcesses(), now);
                    record.snapshot = record.snapshot.withUsage(reading.cpuPercent(), reading.memoryBytes());
                } catch (RuntimeException e) {
                    // A failing sample must not cancel the periodic sampling of every other task.
                    log.debug("Task {}: usage sample failed ({})", record.id, e.toString());
                }
            }
        }
    }

    // ---- the state machine ----

    private void reconcile(ServiceState service) {
        if (closing) {
            return;
        }
        for (RevisionState revision : service.revisions.values()) {
            List<TaskRecord> active = tasks.values().stream()
                    .filter(record -> record.revision == revision && record.countsTowardDesired())
                    .toList();
            int missing = revision.desiredCount - active.size();
            if (missing < 0) {
                // Scale in: pending tasks first (they serve nothing yet), then the newest running ones.
                active.stream()
                        .sorted(Comparator.comparing((TaskRecord record) -> record.state() == TaskState.RUNNING)
                                .thenComparing(record -> record.snapshot.startedAt(), Comparator.reverseOrder()))
                        .limit(-missing)
                        .forEach(record -> stopper.stop(record, StopMode.GRACEFUL, service.scaleReason));
            } else if (missing > 0 && !backingOff(service)) {
                service.nextLaunchAt = null;
                for (int i = 0; i < missing; i++) {
                    launch(service, revision);
                }
            }
        }
        publish(service);
    }

    /** True while the restart backoff holds launches back; a timer reconciles again when it ends. */
    private boolean backingOff(ServiceState service) {
        long wait = service.nextLaunchNanos - System.nanoTime();
        if (wait <= 0) {
            return false;
        }
        if (service.launchTimer == null) {
            service.launchTimer = loop.schedule(
                    () -> {
                        service.launchTimer = null;
                        reconcile(service);
                    },
                    wait,
                    TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private void launch(ServiceState service, RevisionState revision) {
        String id = newTaskId(service.name());
        int port = Ports.freePort(takenPorts());
        Path logFile = config.logDirectory().resolve(id + ".log");
        TaskSnapshot initial = TaskSnapshot.launched(
                id, service.name(), revision.number, -1, port, config.clock().instant(), logFile, service.restarts);
        TaskRecord record = new TaskRecord(id, service, revision, port, initial);
        tasks.put(id, record);
        try {
            Files.createDirectories(config.logDirectory());
            launcher.launch(record);
        } catch (IOException | RuntimeException e) {
            log.warn("Task {} of service {} failed to launch: {}", id, service.name(), e.toString());
            emit(record, null);
            countFailure(record);
            finish(record, TaskReasons.FAILED_TO_START + ": " + e.getMessage(), null);
            return;
        }
        record.snapshot = TaskSnapshot.launched(
                id,
                service.name(),
                revision.number,
                record.process.pid(),
                port,
                initial.startedAt(),
                logFile,
                service.restarts);
        log.info("Task {} launched: pid {}, port {}, log {}", id, record.process.pid(), port, logFile);
        emit(record, null);
        record.process.onExit().whenComplete((code, error) -> loop.execute(() -> onExit(record, code)));
        StartProbe.start(record, record.config().startTimeout(), loop, this::onAccepting, this::onStartTimeout);
    }

    private void onAccepting(TaskRecord record) {
        if (record.state() != TaskState.PENDING || record.stopReason != null) {
            return;
        }
        record.runningSinceNanos = System.nanoTime();
        record.snapshot = record.snapshot.running(
                TaskReasons.ACCEPTING + " " + record.port, config.clock().instant());
        emit(record, TaskState.PENDING);
        try {
            lifecycle.onRunning(record.snapshot);
        } catch (RuntimeException e) {
            log.warn("TaskLifecycle.onRunning failed for task {}", record.id, e);
        }
        publish(record.service);
    }

    private void onStartTimeout(TaskRecord record) {
        if (record.state() != TaskState.PENDING || record.stopReason != null) {
            return;
        }
        Duration timeout = record.config().startTimeout();
        countFailure(record);
        stopper.stop(
                record,
                StopMode.GRACEFUL,
                TaskReasons.FAILED_TO_START + ": port " + record.port + " accepted no connection within " + timeout);
        reconcile(record.service);
    }

    private void onExit(TaskRecord record, Integer code) {
        if (record.state() == TaskState.STOPPED) {
            return;
        }
        String reason = record.stopReason;
        if (reason == null) {
            // Nobody asked it to stop: it crashed, exited, or was killed from outside.
            int exitCode = code == null ? -1 : code;
            reason = record.state() == TaskState.PENDING
                    ? TaskReasons.FAILED_TO_START + ": " + TaskReasons.exited(exitCode)
                    : TaskReasons.exited(exitCode);
            countFailure(record);
            log.warn("Task {} stopped: {}", record.id, reason);
        } else {
            log.info("Task {} stopped: {} (exit code {})", record.id, reason, code);
        }
        finish(record, reason, code);
    }

    private void finish(TaskRecord record, String reason, Integer code) {
        stopper.cancelKillTimer(record);
        if (record.process != null) {
            record.process.killLeftovers();
        }
        if (record.cgroup != null) {
            record.cgroup.close();
        }
        TaskState previous = record.state();
        record.snapshot = record.snapshot.stopped(reason, config.clock().instant(), code);
        emit(record, previous);
        record.stopped.complete(null);
        stoppedOrder.addLast(record);
        while (stoppedOrder.size() > config.stoppedTasksKept()) {
            tasks.remove(stoppedOrder.removeFirst().id);
        }
        reconcile(record.service);
        publish(record.service);
    }

    /**
     * A task failed: counts a restart, and when it never ran or ran only briefly, a failure in a row; from the
     * second one in a row the next launch waits for the backoff. A task that had been stable resets the count.
     */
    private void countFailure(TaskRecord record) {
        ServiceState service = record.service;
        service.restarts++;
        record.revision.failedTasks++;
        boolean brief = record.runningSinceNanos < 0
                || System.nanoTime() - record.runningSinceNanos
                        < config.stableAfter().toNanos();
        service.consecutiveFailures = brief ? service.consecutiveFailures + 1 : 0;
        // The first failure in a row is replaced at once (a single crash should cost no extra downtime); the
        // backoff starts with the second.
        Duration delay = config.restartBackoff().delay(service.consecutiveFailures - 1);
        service.nextLaunchNanos = System.nanoTime() + delay.toNanos();
        service.nextLaunchAt = delay.isZero() ? null : config.clock().instant().plus(delay);
        if (!delay.isZero()) {
            log.info(
                    "Service {}: {} failure(s) in a row, next launch in {} ms",
                    service.name(),
                    service.consecutiveFailures,
                    delay.toMillis());
        }
    }

    private void transition(TaskRecord record, TaskState state, String reason) {
        TaskState previous = record.state();
        record.snapshot = record.snapshot.withState(state, reason);
        emit(record, previous);
        publish(record.service);
    }

    private void emit(TaskRecord record, TaskState previous) {
        TaskSnapshot snapshot = record.snapshot;
        TaskEvent event = new TaskEvent(
                snapshot, previous, snapshot.reason(), config.clock().instant());
        for (TaskListener listener : listeners) {
            try {
                listener.onTaskEvent(event);
            } catch (RuntimeException e) {
                log.warn("Task listener {} failed on {}", listener, event, e);
            }
        }
    }

    private void publish(ServiceState service) {
        service.snapshot = service.snapshot(tasks.values());
    }

    private String newTaskId(String service) {
        while (true) {
            String id = service + "-" + String.format("%06x", random.nextInt(1 << 24));
            if (!tasks.containsKey(id)) {
                return id;
            }
        }
    }

    private Set<Integer> takenPorts() {
        Set<Integer> ports = new HashSet<>();
        for (TaskRecord record : tasks.values()) {
            if (record.state() != TaskState.STOPPED) {
                ports.add(record.port);
            }
        }
        return ports;
    }

    /** See {@link TaskStopper#killRemaining}. Thread-safe. */
    List<ProcessHandle> killRemaining() {
        return TaskStopper.killRemaining(tasks.values());
    }
}
