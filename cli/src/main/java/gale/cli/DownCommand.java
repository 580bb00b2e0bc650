package gale.cli;

import gale.control.admin.AdminClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stops a running stack: every task drains and stops, then the balancer and the database.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            description = "How long to wait for the stack to stop (default: ${DEFAULT-VALUE}).",
            defaultValue = "90")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AdminClient client = admin.client();
        client.shutdown();
        spec.commandLine()
                .getOut()
                .printf("Stopping the stack on %s ...%n", client.base().getAuthority());
        spec.commandLine().getOut().flush();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(waitSeconds));
        // The stack answers until its last part stops: polling its port is how we learn it is down.
        while (client.reachable()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the stack is still stopping after " + waitSeconds + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        spec.commandLine().getOut().println("Stopped.");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
