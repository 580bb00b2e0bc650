package gale.fleet.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cgroup v1: {@code <cpu hierarchy>/<own cgroup>/gale/<task>} with {@code cpu.cfs_period_us = 100000} and
 * {@code cpu.cfs_quota_us = cores × 100000}; memory in the memory hierarchy's {@code memory.limit_in_bytes}.
 */
final class CgroupV1 implements TaskCgroups {

    private static final Logger log = LoggerFactory.getLogger(CgroupV1.class);

    private final Path cpuGaleDir;
    private final Optional<Path> memoryGaleDir;
    private final AtomicBoolean warned = new AtomicBoolean();

    CgroupV1(Path cpuGaleDir, Optional<Path> memoryGaleDir) {
        this.cpuGaleDir = cpuGaleDir;
        this.memoryGaleDir = memoryGaleDir;
    }

    @Override
    public TaskGroup attach(String taskId, long pid, Limits limits) {
        if (!limits.any()) {
            return NoCgroups.UNLIMITED;
        }
        List<Path> created = new ArrayList<>();
        try {
            if (limits.cpuCores() != null) {
                Path dir = cpuGaleDir.resolve(taskId);
                CgroupFiles.createDirectory(dir);
                created.add(dir);
                CgroupFiles.write(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
                CgroupFiles.write(dir.resolve("cpu.cfs_quota_us"), Long.toString(limits.cpuQuotaMicros()));
                CgroupFiles.write(dir.resolve("cgroup.procs"), Long.toString(pid));
            }
            if (limits.memoryBytes() != null && memoryGaleDir.isEmpty()) {
                // The CPU limit still holds; only the memory limit is missing, and the warning says so.
                warnOnce(taskId, "no writable cgroup v1 memory hierarchy: the memory limit is not applied");
            } else if (limits.memoryBytes() != null) {
                Path memoryDir = memoryGaleDir.get().resolve(taskId);
                CgroupFiles.createDirectory(memoryDir);
                created.add(memoryDir);
                CgroupFiles.write(memoryDir.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                CgroupFiles.write(memoryDir.resolve("cgroup.procs"), Long.toString(pid));
            }
            log.debug("Task {} (pid {}) limited to {} in {}", taskId, pid, limits, created);
            return new LimitedGroup(List.copyOf(created));
        } catch (IOException | RuntimeException e) {
            created.forEach(CgroupFiles::removeQuietly);
            warnOnce(taskId, e + "; tasks run without limits");
            return NoCgroups.UNLIMITED;
        }
    }

    private void warnOnce(String taskId, String problem) {
        if (warned.compareAndSet(false, true)) {
            log.warn("Cannot limit task {} with cgroup v1 under {}: {} (shown once).", taskId, cpuGaleDir, problem);
        }
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "cgroup v1 at " + cpuGaleDir
                + memoryGaleDir.map(dir -> " and " + dir).orElse("");
    }
}
