package gale.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop sequence, as ECS runs it: DRAINING while the owner drains the task ({@link TaskLifecycle#beforeStop},
 * bounded by the stop timeout), then SIGTERM, then SIGKILL if the process still lives after the stop timeout. A
 * KILL stop sends SIGKILL at once. The task becomes STOPPED when its process has exited (not here). Runs on the
 * supervision thread.
 */
final class TaskStopper {

    private static final Logger log = LoggerFactory.getLogger(TaskStopper.class);

    interface Transition {
        void apply(TaskRecord record, TaskState state, String reason);
    }

    private final TaskLifecycle lifecycle;
    private final ScheduledExecutorService loop;
    private final Transition transition;

    TaskStopper(TaskLifecycle lifecycle, ScheduledExecutorService loop, Transition transition) {
        this.lifecycle = lifecycle;
        this.loop = loop;
        this.transition = transition;
    }

    void stop(TaskRecord record, StopMode mode, String reason) {
        if (record.state() == TaskState.STOPPED) {
            return;
        }
        if (record.stopping) {
            // Already stopping: a KILL still cuts the sequence short.
            if (mode == StopMode.KILL && record.process != null) {
                record.process.kill();
            }
            return;
        }
        record.stopping = true;
        if (record.stopReason == null) {
            record.stopReason = reason;
        }
        if (record.process == null) {
            return;
        }
        if (mode == StopMode.KILL) {
            log.info("Task {}: SIGKILL ({})", record.id, record.stopReason);
            record.process.kill();
            return;
        }
        TaskState previous = record.state();
        transition.apply(record, TaskState.DRAINING, record.stopReason);
        if (previous == TaskState.RUNNING) {
            Duration timeout = record.config().stopTimeout();
            drain(record).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((ignored, error) -> {
                if (error instanceof TimeoutException) {
                    log.warn("Task {}: drain did not finish within {}, sending SIGTERM anyway", record.id, timeout);
                } else if (error != null) {
                    log.warn("Task {}: drain failed ({}), sending SIGTERM anyway", record.id, error.toString());
                }
                loop.execute(() -> terminate(record));
            });
        } else {
            terminate(record);
        }
    }

    private CompletableFuture<Void> drain(TaskRecord record) {
        try {
            // A copy, so that the timeout never completes the owner's own future.
            return lifecycle.beforeStop(record.snapshot).toCompletableFuture().thenApply(ignored -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void terminate(TaskRecord record) {
        if (record.state() == TaskState.STOPPED) {
            return;
        }
        Duration timeout = record.config().stopTimeout();
        log.info("Task {}: SIGTERM, SIGKILL in {} if still alive", record.id, timeout);
        record.process.terminate();
        record.killTimer = loop.schedule(
                () -> {
                    if (record.state() != TaskState.STOPPED) {
                        log.warn("Task {} still alive {} after SIGTERM: SIGKILL", record.id, timeout);
                        record.process.kill();
                    }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    void cancelKillTimer(TaskRecord record) {
        if (record.killTimer != null) {
            record.killTimer.cancel(false);
            record.killTimer = null;
        }
    }

    /**
     * Forcibly kills whatever has not stopped yet (close() ran out of time) and every descendant that outlived
     * its task; returns those processes so the caller can wait until they are gone. Thread-safe.
     */
    static List<ProcessHandle> killRemaining(Collection<TaskRecord> tasks) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (TaskRecord record : tasks) {
            if (record.process == null) {
                continue;
            }
            if (!record.stopped.isDone()) {
                log.warn("Task {} (pid {}) did not stop in time: SIGKILL", record.id, record.process.pid());
                killed.addAll(record.process.handles());
            }
            killed.addAll(record.process.leftovers());
            record.process.kill();
        }
        return killed;
    }
}
