package gale.fleet.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Burns a share of a task's CPU beside it, as FIS's {@code aws:ecs:task-cpu-stress} does: stress-ng workers placed in
 * the task's own cgroups (so they count against, and are held to, the task's CPU limit), whatever command the task
 * runs. Where the task has no cgroup (no limit, or none can be made here) the workers run beside it.
 */
public final class CpuStress {

    /** The program that burns; Debian's {@code stress-ng} package. */
    static final String PROGRAM = "stress-ng";

    private static final String SCRIPT = """
            command -v %1$s >/dev/null 2>&1 || { echo "%1$s is not installed (apt-get install %1$s)"; exit 3; }
            workers=$1; load=$2; shift 2
            for dir in "$@"; do echo $$ > "$dir/cgroup.procs" || exit 3; done
            %1$s --cpu "$workers" --cpu-load "$load" --quiet &
            burner=$!
            trap 'kill "$burner" 2>/dev/null; wait "$burner"; exit 0' HUP INT TERM
            echo %2$s
            read -r line
            kill "$burner" 2>/dev/null
            wait "$burner"
            exit 0
            """.formatted(PROGRAM, ProcessGuard.READY);

    private CpuStress() {}

    /**
     * Starts burning {@code loadPercent}% of {@code cpuCores} until reverted or Gale dies.
     *
     * @param cgroups the task's cgroup directories (empty: the workers run outside any task cgroup)
     * @throws IOException when stress-ng can't run or the cgroups can't take it
     */
    public static TaskDisruption start(String taskId, double cpuCores, int loadPercent, List<Path> cgroups)
            throws IOException {
        if (loadPercent < 1 || loadPercent > 100) {
            throw new IllegalArgumentException("load: " + loadPercent + " (expected: 1-100 percent)");
        }
        if (!(cpuCores > 0)) {
            throw new IllegalArgumentException("cpuCores: " + cpuCores + " (expected: > 0)");
        }
        Load load = Load.of(cpuCores, loadPercent);
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(load.workers()));
        args.add(Integer.toString(load.percentPerWorker()));
        cgroups.forEach(dir -> args.add(dir.toString()));
        return ProcessGuard.start("CPU stress of task " + taskId, SCRIPT, args);
    }

    /**
     * Whole workers, each loading one CPU to the same percentage: 0.25 cores at 80% is one worker at 20%, 1.5 cores
     * at 100% two workers at 75%.
     */
    record Load(int workers, int percentPerWorker) {

        static Load of(double cpuCores, int loadPercent) {
            double cores = cpuCores * loadPercent / 100.0;
            int workers = Math.max(1, (int) Math.ceil(cores - 1e-9));
            int perWorker = (int) Math.round(cores / workers * 100);
            return new Load(workers, Math.max(1, Math.min(100, perWorker)));
        }
    }
}
