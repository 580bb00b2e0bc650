package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One task as it is now. Immutable; every change makes a new snapshot (and a {@link TaskEvent}).
 *
 * @param id readable and unique, the service's name and six hex digits: {@code web-1a2b3c}
 * @param service the service it belongs to
 * @param revision the revision of its service's task definition it was launched from ({@code GALE_REVISION})
 * @param pid the process id, or -1 if the process could not be launched
 * @param port the TCP port the fleet chose for it (on 127.0.0.1)
 * @param state where it is in its life
 * @param reason why it is in that state ({@code Essential container exited (code 137)}, {@code Stopped by
 *     user}, ...; see {@link TaskReasons})
 * @param startedAt when it was launched
 * @param runningSince when it became RUNNING (its port accepted a connection), or {@code null} before; an
 *     autoscaler can leave out the CPU of tasks that only just started
 * @param stoppedAt when its process exited, or {@code null} while it lives
 * @param exitCode the process's exit code once STOPPED (128 + signal when killed by a signal), else {@code null}
 * @param logFile where its stdout and stderr go ({@code <logDirectory>/<id>.log})
 * @param cpuPercent CPU use over the last sample interval, relative to its CPU limit when it has one (100 = the
 *     whole limit, as ECS reports it), else relative to one core (so 200 = two cores busy)
 * @param memoryBytes resident memory of the process and its descendants at the last sample
 * @param restarts how many tasks of its service had been replaced after failing (exit, kill, failed start or
 *     failed health checks) before this one was launched
 */
public record TaskSnapshot(
        String id,
        String service,
        int revision,
        long pid,
        int port,
        TaskState state,
        String reason,
        Instant startedAt,
        Instant runningSince,
        Instant stoppedAt,
        Integer exitCode,
        Path logFile,
        double cpuPercent,
        long memoryBytes,
        int restarts) {

    public TaskSnapshot {
        requireNonNull(id, "id");
        requireNonNull(service, "service");
        requireNonNull(state, "state");
        requireNonNull(reason, "reason");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(logFile, "logFile");
    }

    /** A task just launched: PENDING, no usage yet. */
    public static TaskSnapshot launched(
            String id,
            String service,
            int revision,
            long pid,
            int port,
            Instant startedAt,
            Path logFile,
            int restarts) {
        return new TaskSnapshot(
                id,
                service,
                revision,
                pid,
                port,
                TaskState.PENDING,
                TaskReasons.LAUNCHED,
                startedAt,
                null,
                null,
                null,
                logFile,
                0,
                0,
                restarts);
    }

    /** The address the task listens on, {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public TaskSnapshot withState(TaskState newState, String newReason) {
        return new TaskSnapshot(
                id,
                service,
                revision,
                pid,
                port,
                newState,
                newReason,
                startedAt,
                runningSince,
                stoppedAt,
                exitCode,
                logFile,
                cpuPercent,
                memoryBytes,
                restarts);
    }

    public TaskSnapshot running(String newReason, Instant at) {
        return new TaskSnapshot(
                id,
                service,
                revision,
                pid,
                port,
                TaskState.RUNNING,
                newReason,
                startedAt,
                at,
                stoppedAt,
                exitCode,
                logFile,
                cpuPercent,
                memoryBytes,
                restarts);
    }

    public TaskSnapshot withUsage(double newCpuPercent, long newMemoryBytes) {
        return new TaskSnapshot(
                id,
                service,
                revision,
                pid,
                port,
                state,
                reason,
                startedAt,
                runningSince,
                stoppedAt,
                exitCode,
                logFile,
                newCpuPercent,
                newMemoryBytes,
                restarts);
    }

    public TaskSnapshot stopped(String newReason, Instant at, Integer code) {
        return new TaskSnapshot(
                id,
                service,
                revision,
                pid,
                port,
                TaskState.STOPPED,
                newReason,
                startedAt,
                runningSince,
                at,
                code,
                logFile,
                0,
                0,
                restarts);
    }
}
