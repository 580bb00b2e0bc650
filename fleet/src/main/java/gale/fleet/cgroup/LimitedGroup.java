package gale.fleet.cgroup;

import java.nio.file.Path;
import java.util.List;

/** A task held in one cgroup directory per hierarchy; closing removes them once the task is gone. */
record LimitedGroup(List<Path> paths) implements TaskCgroups.TaskGroup {

    LimitedGroup {
        paths = List.copyOf(paths);
    }

    @Override
    public boolean limited() {
        return true;
    }

    @Override
    public void close() {
        paths.forEach(CgroupFiles::removeQuietly);
    }
}
