package gale.fleet.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Decides which cgroup version this machine offers to Gale, from the mounted file systems. */
final class CgroupDetector {

    /** The directory, under this process's own cgroup, that holds one child cgroup per task. */
    static final String GALE_DIR = "gale";

    private CgroupDetector() {}

    static TaskCgroups detect(Path root, Path selfCgroup) {
        List<String> membership;
        try {
            membership = Files.readAllLines(selfCgroup);
        } catch (IOException e) {
            return new NoCgroups("cannot read " + selfCgroup + " (" + e.getMessage() + "): not Linux?");
        }
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return v2(root, membership);
        }
        return v1(root, membership);
    }

    private static TaskCgroups v2(Path root, List<String> membership) {
        Optional<String> own = pathIn(membership, line -> line.startsWith("0::"));
        Path base = root.resolve(relative(own.orElse("/"))).normalize();
        String controllers = readOr(base.resolve("cgroup.controllers"), "");
        if (!Arrays.asList(controllers.trim().split("\\s+")).contains("cpu")) {
            return new NoCgroups("cgroup v2 at " + base + " does not offer the cpu controller (controllers: '"
                    + controllers.trim() + "')");
        }
        if (!Files.isWritable(base)) {
            return new NoCgroups(
                    "cgroup v2 at " + base + " is not writable by this user (delegate it, or run as root)");
        }
        return new CgroupV2(base, base.resolve(GALE_DIR));
    }

    private static TaskCgroups v1(Path root, List<String> membership) {
        Optional<Path> cpuMount = mount(root, "cpu");
        if (cpuMount.isEmpty()) {
            return new NoCgroups(
                    "no cgroup v2 hierarchy with the cpu controller and no cgroup v1 cpu hierarchy under " + root);
        }
        Path cpuBase = cpuMount.get()
                .resolve(relative(controllerPath(membership, "cpu")))
                .normalize();
        if (!Files.isWritable(cpuBase)) {
            return new NoCgroups("cgroup v1 cpu hierarchy at " + cpuBase + " is not writable by this user");
        }
        Optional<Path> memoryBase = mount(root, "memory")
                .map(mountPoint -> mountPoint
                        .resolve(relative(controllerPath(membership, "memory")))
                        .normalize())
                .filter(Files::isWritable);
        return new CgroupV1(cpuBase.resolve(GALE_DIR), memoryBase.map(path -> path.resolve(GALE_DIR)));
    }

    /** Where a v1 controller is mounted: {@code cpu}, or a co-mount such as {@code cpu,cpuacct}. */
    private static Optional<Path> mount(Path root, String controller) {
        String marker = controller.equals("cpu") ? "cpu.cfs_quota_us" : "memory.limit_in_bytes";
        try (var entries = Files.list(root)) {
            return entries.filter(
                            dir -> Arrays.asList(dir.getFileName().toString().split(","))
                                    .contains(controller))
                    .filter(dir -> Files.isRegularFile(dir.resolve(marker)))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String controllerPath(List<String> membership, String controller) {
        return pathIn(membership, line -> {
                    String[] parts = line.split(":", 3);
                    return parts.length == 3
                            && Arrays.asList(parts[1].split(",")).contains(controller);
                })
                .orElse("/");
    }

    private static Optional<String> pathIn(List<String> membership, java.util.function.Predicate<String> line) {
        return membership.stream()
                .filter(line)
                .map(entry -> entry.split(":", 3))
                .filter(parts -> parts.length == 3)
                .map(parts -> parts[2])
                .findFirst();
    }

    private static String relative(String cgroupPath) {
        String trimmed = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return trimmed;
    }

    private static String readOr(Path file, String fallback) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return fallback;
        }
    }
}
