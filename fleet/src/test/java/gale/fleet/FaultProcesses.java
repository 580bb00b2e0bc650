package gale.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What /proc says of processes, for fault tests: stopped or not, and which stress-ng processes live. */
final class FaultProcesses {

    private FaultProcesses() {}

    /** The state letter of /proc/PID/stat ({@code T} for stopped), or empty once the process is gone. */
    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return "";
        }
    }

    static boolean stopped(long pid) {
        return state(pid).equals("T");
    }

    /** Live stress-ng processes that descend from {@code ancestor}. */
    static List<ProcessHandle> stressOf(long ancestor) {
        return ProcessHandle.of(ancestor)
                .map(handle -> handle.descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("stress-ng"))
                        .toList())
                .orElse(List.of());
    }

    /** Every live stress-ng process of this machine, by pid. */
    static List<Long> allStress() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("stress-ng"))
                .map(ProcessHandle::pid)
                .toList();
    }
}
