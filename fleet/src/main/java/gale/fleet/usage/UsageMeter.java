package gale.fleet.usage;

import java.util.List;

/**
 * One task's CPU % and memory, from successive samples of its process tree. CPU % is relative to the task's CPU
 * limit when it has one (100 = its whole limit, as ECS reports it), else to one core.
 */
public final class UsageMeter {

    private final ProcUsage proc;
    private final Double cpuLimit;
    private long lastCpuNanos = -1;
    private long lastWallNanos;

    public UsageMeter(ProcUsage proc, Double cpuLimit) {
        this.proc = proc;
        this.cpuLimit = cpuLimit;
    }

    /** A reading of the process tree now; the first one has no CPU % yet (0). */
    public Reading sample(List<ProcessHandle> tree, long wallNanos) {
        long cpu = 0;
        long rss = 0;
        for (ProcessHandle handle : tree) {
            cpu += proc.cpuNanos(handle.pid()).orElse(0L);
            rss += proc.rssBytes(handle.pid()).orElse(0L);
        }
        double percent = 0;
        if (lastCpuNanos >= 0 && wallNanos > lastWallNanos) {
            // A descendant that exited takes its CPU time with it: never report a negative rate.
            long used = Math.max(0, cpu - lastCpuNanos);
            double cores = cpuLimit == null ? 1.0 : cpuLimit;
            percent = 100.0 * used / (wallNanos - lastWallNanos) / cores;
        }
        lastCpuNanos = cpu;
        lastWallNanos = wallNanos;
        return new Reading(percent, rss);
    }

    /** CPU % over the last interval, and resident bytes now. */
    public record Reading(double cpuPercent, long memoryBytes) {}
}
