package gale.fleet.cgroup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Places task processes in their own cgroups to limit their CPU (and memory), as Fargate's {@code cpu: 0.25}
 * does: cgroup v2 ({@code cpu.max}) or v1 ({@code cpu.cfs_quota_us}) wherever this process may create cgroups.
 * Where it can't, tasks run without limits and one clear warning says why.
 */
public interface TaskCgroups {

    /** The CFS period every quota is expressed in: 100 ms, the kernel's default. */
    long PERIOD_MICROS = 100_000;

    /**
     * Creates the task's cgroup with the limits and moves the process into it. Never throws: when the limits
     * can't be applied, it warns (once per instance) and returns a group that limits nothing.
     */
    TaskGroup attach(String taskId, long pid, Limits limits);

    /** Why limits can't be applied here, if they can't (then {@link #attach} limits nothing). */
    Optional<String> unavailableReason();

    /** What this is, for logs: {@code cgroup v1 at /sys/fs/cgroup/cpu/gale}. */
    String describe();

    /**
     * Finds how to limit tasks on this machine: cgroup v2 when {@code root} is a unified hierarchy with the cpu
     * controller, else cgroup v1 when it has a cpu hierarchy, else nothing. {@code selfCgroup} is this process's
     * {@code /proc/self/cgroup} (its place in each hierarchy; the task groups go under it).
     */
    static TaskCgroups detect(Path root, Path selfCgroup) {
        return CgroupDetector.detect(root, selfCgroup);
    }

    /** Detects with this machine's {@code /sys/fs/cgroup} and {@code /proc/self/cgroup}. */
    static TaskCgroups detect(Path root) {
        return detect(root, Path.of("/proc/self/cgroup"));
    }

    /**
     * The limits of one task.
     *
     * @param cpuCores CPU cores, or {@code null} for none
     * @param memoryBytes memory, or {@code null} for none
     */
    record Limits(Double cpuCores, Long memoryBytes) {

        public static final Limits NONE = new Limits(null, null);

        public boolean any() {
            return cpuCores != null || memoryBytes != null;
        }

        /** The CPU quota per {@link #PERIOD_MICROS}, at least 1 ms (the kernel's minimum). */
        long cpuQuotaMicros() {
            return Math.max(1_000, Math.round(cpuCores * PERIOD_MICROS));
        }
    }

    /** A task's cgroup; {@link #close()} removes it once the process has exited. */
    interface TaskGroup extends AutoCloseable {

        /** Whether the limits are in force. */
        boolean limited();

        /** The cgroup directories holding the task (one per hierarchy under v1), empty when not limited. */
        java.util.List<Path> paths();

        @Override
        void close();
    }
}
