package gale.cli;

import gale.control.admin.AdminClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Rolls a service back, as a rolling deployment: to the revision its running (or last completed)"
                + " deployment replaced, or to --to REV.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. web.")
    String service;

    @Option(names = "--to", paramLabel = "REV", description = "The revision to return to.")
    Integer toRevision;

    @Option(names = "--wait", description = "Wait until the rollback ends, printing each step.")
    boolean await;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AdminClient client = admin.client();
        var started = client.rollback(service, Optional.ofNullable(toRevision));
        var out = spec.commandLine().getOut();
        out.printf(
                "deployment %d: rollback of %s to revision %d%n",
                started.path("id").asLong(), service, started.path("revision").asInt());
        out.flush();
        return await ? new DeploymentWatch(client, out).await(started.path("id").asLong()) : 0;
    }
}
