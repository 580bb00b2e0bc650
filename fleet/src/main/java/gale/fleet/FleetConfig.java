package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How the fleet runs its tasks.
 *
 * @param logDirectory where each task's stdout and stderr go, as {@code <task-id>.log} (created if missing)
 * @param clock the time stamped on snapshots and events
 * @param restartBackoff the delay before replacing a task after failures at start in a row
 * @param stableAfter a task that stops on its own after running at least this long is not a start failure: its
 *     replacement launches at once and the failure count resets
 * @param sampleInterval how often CPU and memory are read from {@code /proc}
 * @param cgroupRoot where the cgroup file systems are mounted ({@code /sys/fs/cgroup}); CPU and memory limits
 *     are applied through them where writable
 * @param stoppedTasksKept how many STOPPED tasks {@link Fleet#tasks()} still lists (the newest ones)
 */
public record FleetConfig(
        Path logDirectory,
        Clock clock,
        Backoff restartBackoff,
        Duration stableAfter,
        Duration sampleInterval,
        Path cgroupRoot,
        int stoppedTasksKept) {

    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    public static final int DEFAULT_STOPPED_TASKS_KEPT = 50;

    public FleetConfig {
        requireNonNull(logDirectory, "logDirectory");
        requireNonNull(clock, "clock");
        requireNonNull(restartBackoff, "restartBackoff");
        requireNonNull(stableAfter, "stableAfter");
        requireNonNull(sampleInterval, "sampleInterval");
        requireNonNull(cgroupRoot, "cgroupRoot");
        if (stableAfter.isNegative()) {
            throw new IllegalArgumentException("stableAfter: " + stableAfter + " (expected: >= 0)");
        }
        if (sampleInterval.toMillis() < 10) {
            throw new IllegalArgumentException("sampleInterval: " + sampleInterval + " (expected: >= 10ms)");
        }
        if (stoppedTasksKept < 0) {
            throw new IllegalArgumentException("stoppedTasksKept: " + stoppedTasksKept + " (expected: >= 0)");
        }
    }

    /** The defaults: restart backoff 1 s doubling to 30 s, stable after 10 s, sampled every second. */
    public FleetConfig(Path logDirectory, Clock clock) {
        this(
                logDirectory,
                clock,
                Backoff.DEFAULT,
                DEFAULT_STABLE_AFTER,
                DEFAULT_SAMPLE_INTERVAL,
                DEFAULT_CGROUP_ROOT,
                DEFAULT_STOPPED_TASKS_KEPT);
    }

    public FleetConfig withRestartBackoff(Backoff backoff) {
        return new FleetConfig(logDirectory, clock, backoff, stableAfter, sampleInterval, cgroupRoot, stoppedTasksKept);
    }

    public FleetConfig withStableAfter(Duration duration) {
        return new FleetConfig(
                logDirectory, clock, restartBackoff, duration, sampleInterval, cgroupRoot, stoppedTasksKept);
    }

    public FleetConfig withSampleInterval(Duration interval) {
        return new FleetConfig(
                logDirectory, clock, restartBackoff, stableAfter, interval, cgroupRoot, stoppedTasksKept);
    }

    public FleetConfig withCgroupRoot(Path root) {
        return new FleetConfig(
                logDirectory, clock, restartBackoff, stableAfter, sampleInterval, root, stoppedTasksKept);
    }
}
