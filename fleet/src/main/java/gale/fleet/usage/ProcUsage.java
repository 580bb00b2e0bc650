package gale.fleet.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's CPU time and resident memory from Linux's {@code /proc}. Elsewhere (or once the process is
 * gone) there is nothing to read, and callers report zero.
 */
public final class ProcUsage {

    /** Linux's USER_HZ: the unit of the CPU times in {@code /proc/<pid>/stat}; 100 on every mainstream build. */
    static final long TICKS_PER_SECOND = 100;

    private final Path procRoot;

    public ProcUsage(Path procRoot) {
        this.procRoot = procRoot;
    }

    public static ProcUsage system() {
        return new ProcUsage(Path.of("/proc"));
    }

    /** CPU time (user + system, all threads) the process has used, in nanoseconds. */
    public Optional<Long> cpuNanos(long pid) {
        Optional<String> stat = read(procRoot.resolve(Long.toString(pid)).resolve("stat"));
        return stat.flatMap(ProcUsage::parseCpuTicks).map(ticks -> ticks * (1_000_000_000L / TICKS_PER_SECOND));
    }

    /** Resident memory (VmRSS) of the process, in bytes. */
    public Optional<Long> rssBytes(long pid) {
        Optional<String> status = read(procRoot.resolve(Long.toString(pid)).resolve("status"));
        return status.flatMap(ProcUsage::parseRssBytes);
    }

    /**
     * utime + stime, fields 14 and 15 of {@code /proc/<pid>/stat}. The command name (field 2) may hold spaces
     * and parentheses, so fields are counted from its closing parenthesis.
     */
    static Optional<Long> parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        if (fields.length < 13) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code VmRSS:     1234 kB} → bytes. Kernel threads and zombies have no VmRSS line. */
    static Optional<Long> parseRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                try {
                    return Optional.of(Long.parseLong(parts[0]) * 1024);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
