package gale.fleet.fault;

import java.io.IOException;
import java.util.List;

/**
 * Stops a task's processes with SIGSTOP and continues them with SIGCONT when reverted: the kernel still accepts
 * connections on the task's port, but nothing answers, the way a task stuck in a long GC pause or a deadlock looks.
 * {@code kill} returns before every thread has stopped (a busy machine may take a while to get there), so the guard
 * says it is ready only once each process is seen stopped, and the fault's start means the task no longer answers.
 */
public final class TaskHang {

    private static final String SCRIPT = """
            trap 'kill -CONT "$@" 2>/dev/null; exit 0' HUP INT TERM
            kill -STOP "$@" || exit 3
            for pid in "$@"; do
              tries=0
              while [ $tries -lt 500 ] && [ -e /proc/"$pid" ] \
                  && [ "$(sed 's/.*) //' /proc/"$pid"/stat 2>/dev/null | cut -c1)" != T ]; do
                sleep 0.01; tries=$((tries + 1))
              done
            done
            echo %s
            read -r line
            kill -CONT "$@" 2>/dev/null
            exit 0
            """.formatted(ProcessGuard.READY);

    private TaskHang() {}

    /**
     * Stops {@code pids} (a task's process and its descendants) until the returned disruption is reverted, or Gale
     * dies: either way they get SIGCONT.
     *
     * @throws IOException when they can't be stopped (gone already, say)
     */
    public static TaskDisruption start(String taskId, List<Long> pids) throws IOException {
        if (pids.isEmpty()) {
            throw new IllegalArgumentException("pids: [] (expected: at least the task's own pid)");
        }
        return ProcessGuard.start(
                "hang of task " + taskId,
                SCRIPT,
                pids.stream().map(String::valueOf).toList());
    }
}
