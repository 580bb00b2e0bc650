package gale.fleet.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cgroup v2: {@code <own cgroup>/gale/<task>} with {@code cpu.max = "<quota> 100000"} and {@code memory.max}.
 * The cpu (and memory) controllers are enabled in {@code cgroup.subtree_control} of each parent on the way.
 */
final class CgroupV2 implements TaskCgroups {

    private static final Logger log = LoggerFactory.getLogger(CgroupV2.class);

    private final Path base;
    private final Path galeDir;
    private final AtomicBoolean warned = new AtomicBoolean();

    CgroupV2(Path base, Path galeDir) {
        this.base = base;
        this.galeDir = galeDir;
    }

    @Override
    public TaskGroup attach(String taskId, long pid, Limits limits) {
        if (!limits.any()) {
            return NoCgroups.UNLIMITED;
        }
        Path dir = galeDir.resolve(taskId);
        try {
            String controllers =
                    (limits.cpuCores() != null ? "+cpu " : "") + (limits.memoryBytes() != null ? "+memory" : "");
            enable(base, controllers.trim());
            CgroupFiles.createDirectory(galeDir);
            enable(galeDir, controllers.trim());
            CgroupFiles.createDirectory(dir);
            if (limits.cpuCores() != null) {
                CgroupFiles.write(dir.resolve("cpu.max"), limits.cpuQuotaMicros() + " " + PERIOD_MICROS);
            }
            if (limits.memoryBytes() != null) {
                CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            }
            CgroupFiles.write(dir.resolve("cgroup.procs"), Long.toString(pid));
            log.debug("Task {} (pid {}) limited to {} in {}", taskId, pid, limits, dir);
            return new LimitedGroup(List.of(dir));
        } catch (IOException | RuntimeException e) {
            CgroupFiles.removeQuietly(dir);
            if (warned.compareAndSet(false, true)) {
                log.warn(
                        "Cannot limit task {} with cgroup v2 in {} ({}). Tasks run without limits (shown once).",
                        taskId,
                        dir,
                        e.toString());
            }
            return NoCgroups.UNLIMITED;
        }
    }

    /** Enables controllers for a cgroup's children; a controller already enabled is left as it is. */
    private static void enable(Path cgroup, String controllers) throws IOException {
        Path control = cgroup.resolve("cgroup.subtree_control");
        String enabled = Files.exists(control) ? Files.readString(control) : "";
        List<String> missing = new ArrayList<>();
        for (String controller : controllers.split("\\s+")) {
            if (!List.of(enabled.trim().split("\\s+")).contains(controller.substring(1))) {
                missing.add(controller);
            }
        }
        if (!missing.isEmpty()) {
            CgroupFiles.write(control, String.join(" ", missing));
        }
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "cgroup v2 at " + galeDir;
    }
}
