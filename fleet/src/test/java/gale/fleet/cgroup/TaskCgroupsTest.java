package gale.fleet.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gale.fleet.cgroup.TaskCgroups.Limits;
import gale.fleet.cgroup.TaskCgroups.TaskGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The cgroup file formats, written into plain directories laid out like each cgroup version. */
class TaskCgroupsTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void v2WritesCpuMaxAndMemoryMaxAndEnablesControllersOnTheWay() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Path own = Files.createDirectories(root.resolve("user.slice/gale-test.scope"));
        Files.writeString(own.resolve("cgroup.controllers"), "cpu memory pids\n");
        Path self = Files.writeString(root.resolve("self-cgroup"), "0::/user.slice/gale-test.scope\n");

        TaskCgroups cgroups = TaskCgroups.detect(root, self);
        TaskGroup group = cgroups.attach("web-1a2b3c", 4242, new Limits(0.25, 64 * MIB));

        Path dir = own.resolve("gale/web-1a2b3c");
        assertThat(cgroups.describe()).isEqualTo("cgroup v2 at " + own.resolve("gale"));
        assertThat(group.limited()).isTrue();
        assertThat(group.paths()).containsExactly(dir);
        assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +memory");
        assertThat(Files.readString(own.resolve("gale/cgroup.subtree_control"))).isEqualTo("+cpu +memory");
        assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("25000 100000");
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(64 * MIB));
        assertThat(Files.readString(dir.resolve("cgroup.procs"))).isEqualTo("4242");

        group.close();

        assertThat(dir).doesNotExist();
        assertThat(own.resolve("gale")).isDirectory();
    }

    @Test
    void v2WithoutCpuControllerIsUnavailable() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "memory pids\n");
        Path self = Files.writeString(root.resolve("self-cgroup"), "0::/\n");

        TaskCgroups cgroups = TaskCgroups.detect(root, self);

        assertThat(cgroups.unavailableReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not offer the cpu controller"));
    }

    @Test
    void v1WritesCfsQuotaAndMemoryLimitUnderOwnCgroups() throws Exception {
        Path cpu = Files.createDirectories(root.resolve("cpu,cpuacct"));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "-1\n");
        Path memory = Files.createDirectories(root.resolve("memory"));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.createDirectories(memory.resolve("job/42"));
        Path self = Files.writeString(root.resolve("self-cgroup"), "4:memory:/job/42\n2:cpu,cpuacct:/\n0::/\n");

        TaskCgroups cgroups = TaskCgroups.detect(root, self);
        TaskGroup group = cgroups.attach("web-1a2b3c", 4242, new Limits(1.5, 128 * MIB));

        Path cpuDir = cpu.resolve("gale/web-1a2b3c");
        Path memoryDir = memory.resolve("job/42/gale/web-1a2b3c");
        assertThat(group.paths()).containsExactly(cpuDir, memoryDir);
        assertThat(Files.readString(cpuDir.resolve("cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(Files.readString(cpuDir.resolve("cpu.cfs_quota_us"))).isEqualTo("150000");
        assertThat(Files.readString(cpuDir.resolve("cgroup.procs"))).isEqualTo("4242");
        assertThat(Files.readString(memoryDir.resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(128 * MIB));

        group.close();

        assertThat(cpuDir).doesNotExist();
        assertThat(memoryDir).doesNotExist();
    }

    @Test
    void v1KeepsTheCpuLimitWhenNoMemoryHierarchyIsWritable() throws Exception {
        Path cpu = Files.createDirectories(root.resolve("cpu"));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "-1\n");
        Path self = Files.writeString(root.resolve("self-cgroup"), "2:cpu:/\n");

        TaskGroup group = TaskCgroups.detect(root, self).attach("web-1a2b3c", 4242, new Limits(0.5, 128 * MIB));

        assertThat(group.limited()).isTrue();
        assertThat(group.paths()).containsExactly(cpu.resolve("gale/web-1a2b3c"));
        assertThat(Files.readString(cpu.resolve("gale/web-1a2b3c/cpu.cfs_quota_us")))
                .isEqualTo("50000");
    }

    @Test
    void withoutCgroupsTasksRunUnlimitedAndOneWarningSaysWhy() throws Exception {
        Path self = Files.writeString(root.resolve("self-cgroup"), "0::/\n");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(NoCgroups.class);
        logger.addAppender(appender);
        try {
            TaskCgroups cgroups = TaskCgroups.detect(root, self);

            TaskGroup first = cgroups.attach("web-000001", 1, new Limits(0.25, null));
            TaskGroup second = cgroups.attach("web-000002", 2, new Limits(0.25, null));
            TaskGroup unlimited = cgroups.attach("web-000003", 3, Limits.NONE);

            assertThat(cgroups.unavailableReason())
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .startsWith(
                                    "no cgroup v2 hierarchy with the cpu controller and no cgroup v1 cpu hierarchy"));
            assertThat(first.limited()).isFalse();
            assertThat(second.limited()).isFalse();
            assertThat(unlimited.paths()).isEmpty();
            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage())
                        .contains("web-000001")
                        .contains("cannot be applied")
                        .contains("Tasks run without CPU or memory limits");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void unreadableMembershipIsUnavailable() {
        TaskCgroups cgroups = TaskCgroups.detect(root, root.resolve("missing"));

        assertThat(cgroups.unavailableReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("cannot read"));
    }
}
