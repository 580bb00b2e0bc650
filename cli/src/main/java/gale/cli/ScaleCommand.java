package gale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = "Sets a service's desired count: new tasks start, or the newest ones drain and stop.")
final class ScaleCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. web.")
    String service;

    @Parameters(index = "1", paramLabel = "N", description = "How many tasks should run (0-1000).")
    int desiredCount;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        admin.client().scale(service, desiredCount);
        spec.commandLine().getOut().printf("%s: desired count %d%n", service, desiredCount);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
