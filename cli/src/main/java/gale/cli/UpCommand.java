package gale.cli;

import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a stack in the foreground until Ctrl-C, SIGTERM or gale down.",
            "Without -f: a listener on 127.0.0.1:8080 -> target group web -> service web, 2 tasks of the reference app,"
                    + " an embedded database; the admin API and dashboard on 127.0.0.1:8081."
        })
final class UpCommand implements Callable<Integer> {

    @Option(
            names = {"-f", "--file"},
            paramLabel = "STACK.yaml",
            description = "The stack file (see docs/stack-file.md).")
    Path file;

    @Option(names = "--port", paramLabel = "PORT", description = "Put the first listener on this port (0 = any free).")
    Integer port;

    @Option(
            names = "--admin-port",
            paramLabel = "PORT",
            description = "The admin API and dashboard port (default: ${DEFAULT-VALUE}; 0 = any free).",
            defaultValue = "" + StackOptions.DEFAULT_ADMIN_PORT)
    int adminPort;

    @Option(
            names = "--fresh",
            description = "Start with an empty data folder: the database and cache files of earlier runs are deleted.")
    boolean fresh;

    @Option(
            names = "--admin-host",
            paramLabel = "HOST",
            description = "Where the admin API listens (default: ${DEFAULT-VALUE}); elsewhere every request needs"
                    + " the stack's token.",
            defaultValue = StackOptions.DEFAULT_ADMIN_HOST)
    String adminHost;

    @Option(names = "--state-dir", hidden = true, description = "Where the stack keeps its token, database and logs.")
    Path stateRoot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackConfig config = file == null ? StackConfig.defaults() : StackFile.load(file);
        if (port != null) {
            config = config.withFirstListenerPort(port);
        }
        StackOptions options = StackOptions.defaults(adminPort).withAdminHost(adminHost);
        if (stateRoot != null) {
            options = options.withStateRoot(stateRoot);
        }
        if (fresh) {
            options = options.withFreshData();
        }
        Stack stack = Stack.start(config, options);
        Thread hook = new Thread(stack::close, "gale-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        printWhereThingsAre(stack, config);
        stack.closed().join();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook is what stopped the stack.
        }
        spec.commandLine().getOut().println("Gale stopped: every task has exited.");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void printWhereThingsAre(Stack stack, StackConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Gale is up.");
        for (int i = 0; i < stack.listenerCount(); i++) {
            out.printf(
                    "  listener  %s -> target group %s%n",
                    stack.listenerUrl(i), config.listeners().get(i).defaultTargetGroup());
        }
        out.printf("  admin     %s (dashboard; API under /api)%n", stack.adminUrl());
        config.services()
                .forEach((name, service) -> out.printf(
                        "  service   %s: %d task(s) of %s%n",
                        name,
                        service.desiredCount(),
                        service.builtInApp() ? "the reference app" : String.join(" ", service.command())));
        out.printf("  logs      %s%n", stack.directory().logDirectory());
        String admin = stack.adminPort() == StackOptions.DEFAULT_ADMIN_PORT ? "" : " --admin-port " + stack.adminPort();
        out.printf(
                "Try: ./gale status%s | curl %s | ./gale stop-task <id> --kill%s | ./gale down%s (or Ctrl-C)%n",
                admin, stack.listenerCount() > 0 ? stack.listenerUrl(0) : "", admin, admin);
        out.flush();
    }
}
