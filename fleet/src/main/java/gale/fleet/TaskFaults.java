package gale.fleet;

import static java.util.Objects.requireNonNull;

import gale.fleet.fault.CpuStress;
import gale.fleet.fault.TaskDisruption;
import gale.fleet.fault.TaskHang;
import gale.fleet.fault.TaskSignal;
import gale.fleet.process.TaskProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Faults on a fleet's task processes: a signal from outside, a hang, CPU stress in the task's cgroup. The fleet
 * supervises the task as it does any other: a killed task is replaced, a hung one is replaced once its target fails
 * its health checks. Each disruption reverts by itself if Gale dies ({@link gale.fleet.fault.TaskDisruption}).
 */
public final class TaskFaults {

    /** What {@code task-cpu-stress} loads when the task has no CPU limit: a share of one core. */
    public static final double CORES_WITHOUT_LIMIT = 1.0;

    private final Supervisor supervisor;
    private final Executor loop;

    TaskFaults(Supervisor supervisor, Executor loop) {
        this.supervisor = supervisor;
        this.loop = loop;
    }

    /** Sends the task's process a signal, as a crash (KILL) or an operator (TERM) would; nothing drains it first. */
    public void signal(String taskId, TaskSignal signal) {
        requireNonNull(signal, "signal");
        TaskProcess process = onLoop(taskId).process();
        switch (signal) {
            case KILL -> process.kill();
            case TERM -> process.terminate();
        }
    }

    /** SIGSTOPs the task's process and its descendants until reverted. */
    public TaskDisruption hang(String taskId) throws IOException {
        TaskProcess process = onLoop(taskId).process();
        List<Long> pids = new ArrayList<>();
        process.handles().forEach(handle -> pids.add(handle.pid()));
        return TaskHang.start(taskId, pids);
    }

    /** Burns {@code loadPercent}% of the task's CPU limit (of one core without one) in its cgroup until reverted. */
    public TaskDisruption stressCpu(String taskId, int loadPercent) throws IOException {
        Live live = onLoop(taskId);
        Double limit = live.cpuLimit();
        TaskDisruption stress =
                CpuStress.start(taskId, limit == null ? CORES_WITHOUT_LIMIT : limit, loadPercent, live.cgroups());
        // Its workers are not the task's descendants, in its cgroup or not: sample them as the task's CPU.
        ProcessHandle.of(stress.guardPid())
                .ifPresent(guard -> loop.execute(() -> {
                    TaskRecord record = supervisor.tasks().get(taskId);
                    if (record != null) {
                        record.besides.add(guard);
                    }
                }));
        return stress;
    }

    /** The task's process and cgroups, read on the supervision thread, where they are written. */
    private Live onLoop(String taskId) {
        requireNonNull(taskId, "taskId");
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                TaskRecord record = supervisor.tasks().get(taskId);
                                if (record == null || record.process == null || !record.process.isAlive()) {
                                    throw new IllegalArgumentException(
                                            "task: " + taskId + " (expected: a live task of this fleet)");
                                }
                                List<Path> cgroups = record.cgroup == null ? List.of() : record.cgroup.paths();
                                return new Live(record.process, cgroups, record.service.config.cpuLimit());
                            },
                            loop)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Live(TaskProcess process, List<Path> cgroups, Double cpuLimit) {}
}
