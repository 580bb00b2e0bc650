package gale.fleet;

import static java.util.Objects.requireNonNull;

import gale.fleet.cgroup.TaskCgroups;
import gale.fleet.process.ParentDeathSignal;
import gale.fleet.usage.ProcUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services of tasks that are OS processes: launched from a template, supervised, replaced when they die, drained
 * and stopped. Thread-safe: every state change runs on one supervision thread, and readers see snapshots.
 *
 * <p>No task outlives the fleet: {@link #close()} stops every task it started, and a JVM shutdown hook calls it
 * if the owner did not (SIGTERM or Ctrl-C on Gale). Only a SIGKILL of Gale bypasses both: tasks launched with
 * {@code GALE_PARENT_PID} (the reference app) watch that pid and exit on their own.
 */
public final class Fleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    /** How long close() waits, beyond the stop timeouts, before it kills what is left. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(2);

    private final ScheduledExecutorService loop;
    private final Supervisor supervisor;
    private final TaskCgroups cgroups;
    private final TaskFaults faults;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    private final Thread shutdownHook;

    public Fleet(FleetConfig config, TaskLifecycle lifecycle) {
        requireNonNull(config, "config");
        requireNonNull(lifecycle, "lifecycle");
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gale-fleet");
            thread.setDaemon(true);
            return thread;
        });
        this.cgroups = TaskCgroups.detect(config.cgroupRoot());
        ParentDeathSignal parentDeath = ParentDeathSignal.detect();
        log.info(
                "Fleet: task logs in {}, limits through {}, {}",
                config.logDirectory(),
                cgroups.describe(),
                parentDeath.describe());
        this.supervisor = new Supervisor(
                config,
                lifecycle,
                new TaskLauncher(cgroups, ProcUsage.system(), parentDeath),
                loop,
                RandomGenerator.getDefault());
        this.faults = new TaskFaults(supervisor, loop);
        long interval = config.sampleInterval().toNanos();
        loop.scheduleAtFixedRate(supervisor::sample, interval, interval, TimeUnit.NANOSECONDS);
        this.shutdownHook = new Thread(this::close, "gale-fleet-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** How CPU and memory limits are applied here (or why they can't be). */
    public TaskCgroups cgroups() {
        return cgroups;
    }

    /** Faults on this fleet's tasks (kill, hang, CPU stress). */
    public TaskFaults faults() {
        return faults;
    }

    /**
     * Creates a service and launches its desired count of tasks.
     *
     * @throws IllegalArgumentException if a service of that name exists
     */
    public void createService(ServiceConfig service) {
        requireNonNull(service, "service");
        ServiceState state = new ServiceState(service);
        if (supervisor.services().putIfAbsent(service.name(), state) != null) {
            throw new IllegalArgumentException("service: " + service.name() + " (expected: a name not in use)");
        }
        run(() -> supervisor.createService(state));
    }

    /** Changes a service's desired count: launches tasks, or stops the newest ones gracefully. */
    public void scale(String service, int desiredCount) {
        scale(service, desiredCount, TaskReasons.SCALING);
    }

    /** As {@link #scale(String, int)}, with the reason the tasks stopped by scaling in carry. */
    public void scale(String service, int desiredCount, String reason) {
        requireNonNull(reason, "reason");
        ServiceConfig.checkDesiredCount(desiredCount);
        ServiceState state = service(service);
        run(() -> supervisor.scale(state, desiredCount, reason));
    }

    /**
     * Registers a new revision of a service's task definition (command, environment, CPU, memory) with no task yet;
     * {@link #setRevisionCounts} gives it tasks. Blocks until the supervision thread has it.
     *
     * @return its number: one more than the service's newest
     * @throws IllegalArgumentException for an unknown service, or a definition of another name
     */
    public int registerRevision(String service, ServiceConfig definition) {
        requireNonNull(definition, "definition");
        ServiceState state = service(service);
        if (!definition.name().equals(service)) {
            throw new IllegalArgumentException("definition: " + definition.name() + " (expected: " + service + ")");
        }
        return call(() -> supervisor.registerRevision(state, definition));
    }

    /**
     * Sets how many tasks of each revision should run (revisions left out get none): launches and stops tasks
     * gracefully to match, those stopped with {@code reason}. When one revision alone has tasks it becomes the
     * service's current one, which {@link #scale} sizes. Blocks until the supervision thread has applied it.
     *
     * @throws IllegalArgumentException for an unknown service or revision, or a count out of range
     */
    public void setRevisionCounts(String service, Map<Integer, Integer> counts, String reason) {
        requireNonNull(counts, "counts");
        requireNonNull(reason, "reason");
        counts.values().forEach(ServiceConfig::checkDesiredCount);
        ServiceState state = service(service);
        call(() -> {
            supervisor.setRevisionCounts(state, Map.copyOf(counts), reason);
            return null;
        });
    }

    /**
     * Stops one task; its service keeps its desired count, so a replacement launches at once (as ECS does).
     *
     * @return completes when the task is STOPPED
     * @throws IllegalArgumentException if no such task is known
     */
    public CompletableFuture<Void> stopTask(String taskId, StopMode mode, String reason) {
        requireNonNull(mode, "mode");
        requireNonNull(reason, "reason");
        TaskRecord record = record(taskId);
        run(() -> supervisor.stopTask(record, mode, reason));
        return record.stopped.copy();
    }

    /**
     * Launches a replacement, then stops this task gracefully (it failed its health checks, say). Counts as a
     * failure of the service (restarts, and the backoff if the task had not been running long).
     *
     * @return completes when this task is STOPPED
     */
    public CompletableFuture<Void> replaceTask(String taskId, String reason) {
        requireNonNull(reason, "reason");
        TaskRecord record = record(taskId);
        run(() -> supervisor.replaceTask(record, reason));
        return record.stopped.copy();
    }

    /** Every live task and the newest stopped ones, by service, then launch time. */
    public List<TaskSnapshot> tasks() {
        List<TaskSnapshot> snapshots = new ArrayList<>();
        for (TaskRecord record : supervisor.tasks().values()) {
            snapshots.add(record.snapshot);
        }
        snapshots.sort(Comparator.comparing(TaskSnapshot::service)
                .thenComparing(TaskSnapshot::startedAt)
                .thenComparing(TaskSnapshot::id));
        return List.copyOf(snapshots);
    }

    public Optional<TaskSnapshot> task(String taskId) {
        return Optional.ofNullable(supervisor.tasks().get(taskId)).map(record -> record.snapshot);
    }

    /** Every service, by name. */
    public List<ServiceSnapshot> services() {
        return supervisor.services().values().stream()
                .map(state -> state.snapshot)
                .sorted(Comparator.comparing(ServiceSnapshot::name))
                .toList();
    }

    /** Adds a listener told every task state change from now on. */
    public void addListener(TaskListener listener) {
        supervisor.addListener(requireNonNull(listener, "listener"));
    }

    /**
     * Stops every task gracefully, all at once (drain, SIGTERM, SIGKILL after each service's stop timeout), then
     * kills whatever is left with its descendants. Returns when every task is STOPPED. Idempotent: a second caller
     * (the shutdown hook while the owner closes, say) waits for the first one to finish, so that the JVM never
     * exits with tasks alive.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            try {
                closeDone.get(closeBound().plus(CLOSE_MARGIN.multipliedBy(3)).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Fleet: waited for another close() in vain ({})", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stopEverything();
        } finally {
            closeDone.complete(null);
        }
    }

    private void stopEverything() {
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already; the hook's close() waits for this one.
            }
        }
        Duration bound = closeBound();
        try {
            List<CompletableFuture<Void>> stopping = CompletableFuture.supplyAsync(supervisor::closeAll, loop)
                    .get(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
            waitFor(stopping, bound);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("Fleet: graceful stop did not complete ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> killed = supervisor.killRemaining();
        try {
            waitFor(
                    supervisor.tasks().values().stream()
                            .map(record -> record.stopped)
                            .toList(),
                    CLOSE_MARGIN);
            // Killed descendants are re-parented; wait until they are reaped, so that none is seen alive after.
            waitFor(
                    killed.stream()
                            .map(handle -> handle.onExit().thenApply(ignored -> (Void) null))
                            .toList(),
                    CLOSE_MARGIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownNow();
        log.info("Fleet closed");
    }

    /** Drain and SIGTERM each take up to the stop timeout; all tasks stop at once. */
    private Duration closeBound() {
        return supervisor.services().values().stream()
                .flatMap(state -> state.revisions.values().stream())
                .map(revision -> revision.config.stopTimeout().multipliedBy(2))
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO)
                .plus(CLOSE_MARGIN);
    }

    private static void waitFor(List<CompletableFuture<Void>> futures, Duration bound) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Fleet: tasks still stopping after {}", bound);
        }
    }

    private void run(Runnable action) {
        if (closed.get()) {
            throw new IllegalStateException("fleet: closed (expected: open)");
        }
        loop.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("Fleet supervision step failed", e);
            }
        });
    }

    /** Runs on the supervision thread and waits: never call it from a fleet callback. */
    private <T> T call(java.util.function.Supplier<T> action) {
        if (closed.get()) {
            throw new IllegalStateException("fleet: closed (expected: open)");
        }
        try {
            return CompletableFuture.supplyAsync(action, loop).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private ServiceState service(String name) {
        ServiceState state = supervisor.services().get(requireNonNull(name, "service"));
        if (state == null) {
            throw new IllegalArgumentException("service: " + name + " (expected: one of "
                    + supervisor.services().keySet() + ")");
        }
        return state;
    }

    private TaskRecord record(String taskId) {
        TaskRecord record = supervisor.tasks().get(requireNonNull(taskId, "taskId"));
        if (record == null) {
            throw new IllegalArgumentException("task: " + taskId + " (expected: a task of this fleet)");
        }
        return record;
    }
}
