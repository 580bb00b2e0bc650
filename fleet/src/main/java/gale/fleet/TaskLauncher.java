package gale.fleet;

import gale.fleet.cgroup.TaskCgroups;
import gale.fleet.cgroup.TaskCgroups.Limits;
import gale.fleet.process.LaunchSpec;
import gale.fleet.process.ParentDeathSignal;
import gale.fleet.process.TaskProcess;
import gale.fleet.usage.ProcUsage;
import gale.fleet.usage.UsageMeter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a template into a running process: port and ids filled in, output to the log file, cgroup limits. */
final class TaskLauncher {

    static final String ENV_PORT = "PORT";
    static final String ENV_TASK_ID = "GALE_TASK_ID";
    static final String ENV_PARENT_PID = "GALE_PARENT_PID";
    static final String ENV_REVISION = "GALE_REVISION";

    private final TaskCgroups cgroups;
    private final ProcUsage proc;
    private final ParentDeathSignal parentDeath;

    TaskLauncher(TaskCgroups cgroups, ProcUsage proc, ParentDeathSignal parentDeath) {
        this.cgroups = cgroups;
        this.proc = proc;
        this.parentDeath = parentDeath;
    }

    static LaunchSpec spec(TaskTemplate template, String taskId, int revision, int port, Path logFile) {
        List<String> command = new ArrayList<>(template.command().size());
        for (String argument : template.command()) {
            command.add(argument.replace(TaskTemplate.PORT_PLACEHOLDER, Integer.toString(port)));
        }
        Map<String, String> env = new HashMap<>(template.env());
        env.put(ENV_PORT, Integer.toString(port));
        env.put(ENV_TASK_ID, taskId);
        env.put(ENV_REVISION, Integer.toString(revision));
        env.put(ENV_PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        return new LaunchSpec(command, env, template.workingDirectory(), logFile);
    }

    /**
     * Launches the record's process and puts it under its service's limits. Called on the supervision thread only: the
     * task's parent-death signal comes when the launching thread ends.
     */
    void launch(TaskRecord record) throws IOException {
        ServiceConfig config = record.config();
        LaunchSpec spec =
                spec(config.template(), record.id, record.revision.number, record.port, record.snapshot.logFile());
        TaskProcess process = TaskProcess.launch(parentDeath.wrap(spec));
        record.process = process;
        record.cgroup =
                cgroups.attach(record.id, process.pid(), new Limits(config.cpuLimit(), config.memoryLimitBytes()));
        record.meter = new UsageMeter(proc, config.cpuLimit());
    }
}
