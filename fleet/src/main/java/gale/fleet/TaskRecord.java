package gale.fleet;

import gale.fleet.cgroup.TaskCgroups.TaskGroup;
import gale.fleet.process.TaskProcess;
import gale.fleet.usage.UsageMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One task's mutable state. Written only on the supervision thread; {@link #snapshot} is read from any. */
final class TaskRecord {

    final String id;
    final ServiceState service;
    /** The revision of the task definition it was launched from. */
    final RevisionState revision;

    final int port;
    /** Completes once the task is STOPPED. */
    final CompletableFuture<Void> stopped = new CompletableFuture<>();

    volatile TaskSnapshot snapshot;

    TaskProcess process;
    TaskGroup cgroup;
    UsageMeter meter;
    /**
     * Processes a fault runs beside the task (its CPU stress), sampled with the task's own tree so that its CPU shows
     * in the task's CPU %, as FIS's stress inside an ECS task does; each with its descendants, until it exits.
     */
    final List<ProcessHandle> besides = new ArrayList<>();
    /** Set when the fleet began stopping the task; the STOPPED reason. Null while nobody asked it to stop. */
    String stopReason;
    /** Whether the stop sequence (drain, SIGTERM, SIGKILL) has begun. */
    boolean stopping;
    /** When it became RUNNING, in {@link System#nanoTime()}; -1 before. */
    long runningSinceNanos = -1;

    ScheduledFuture<?> killTimer;

    /** The task's process tree and, beside it, every live process a fault runs for it. */
    List<ProcessHandle> sampledProcesses() {
        besides.removeIf(handle -> !handle.isAlive());
        List<ProcessHandle> all = new ArrayList<>(process.handles());
        for (ProcessHandle root : besides) {
            all.add(root);
            root.descendants().forEach(all::add);
        }
        return all;
    }

    TaskRecord(String id, ServiceState service, RevisionState revision, int port, TaskSnapshot initial) {
        this.id = id;
        this.service = service;
        this.revision = revision;
        this.port = port;
        this.snapshot = initial;
    }

    /** Its revision's task definition. */
    ServiceConfig config() {
        return revision.config;
    }

    TaskState state() {
        return snapshot.state();
    }

    /** PENDING or RUNNING and nobody asked it to stop: it counts toward the desired count. */
    boolean countsTowardDesired() {
        return stopReason == null && snapshot.state().isActive();
    }
}
