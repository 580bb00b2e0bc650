package gale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "stop-task",
        mixinStandardHelpOptions = true,
        description = {
            "Stops one task; its service starts a replacement, as ECS does.",
            "Without --kill the task is drained first (no request fails); with --kill it gets SIGKILL at once."
        })
final class StopTaskCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task id, e.g. web-1a2b3c (see gale status).")
    String taskId;

    @Option(names = "--kill", description = "SIGKILL the task at once, as a crash would (no drain).")
    boolean kill;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        admin.client().stopTask(taskId, kill);
        spec.commandLine().getOut().printf("%s: %s%n", taskId, kill ? "killed" : "stopping (draining first)");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
