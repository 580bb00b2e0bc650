package gale.fleet.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** No cgroup to use here: tasks run without limits, and the first task that asks for one gets a warning. */
final class NoCgroups implements TaskCgroups {

    private static final Logger log = LoggerFactory.getLogger(NoCgroups.class);

    static final TaskGroup UNLIMITED = new TaskGroup() {
        @Override
        public boolean limited() {
            return false;
        }

        @Override
        public List<Path> paths() {
            return List.of();
        }

        @Override
        public void close() {}
    };

    private final String reason;
    private final AtomicBoolean warned = new AtomicBoolean();

    NoCgroups(String reason) {
        this.reason = reason;
    }

    @Override
    public TaskGroup attach(String taskId, long pid, Limits limits) {
        if (limits.any() && warned.compareAndSet(false, true)) {
            log.warn(
                    "Task {} asks for limits {} but they cannot be applied: {}. Tasks run without CPU or memory"
                            + " limits (this warning is shown once).",
                    taskId,
                    limits,
                    reason);
        }
        return UNLIMITED;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.of(reason);
    }

    @Override
    public String describe() {
        return "no cgroups: " + reason;
    }
}
