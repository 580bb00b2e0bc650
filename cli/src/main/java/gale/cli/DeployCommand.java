package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import gale.control.admin.AdminClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploys a new revision of a service's task definition: its current one with --env and --command changes,"
                    + " or, with -f, every service whose definition in the stack file changed.",
            "Exit code 1 with --wait when the deployment failed (and was rolled back)."
        })
final class DeployCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "The service, e.g. web.")
    String service;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Set an environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--command", paramLabel = "CMD", description = "The new command, split on spaces.")
    String command;

    @Option(
            names = "--strategy",
            paramLabel = "STRATEGY",
            description = "rolling, canary, linear or blue-green (default: the service's deployment.strategy).")
    String strategy;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "STACK_FILE",
            description = "Deploy the services that changed.")
    Path file;

    @Option(names = "--promote", description = "Ends the indefinite pause of the service's deployment instead.")
    boolean promote;

    @Option(names = "--wait", description = "Wait until the deployment (and any rollback) ends, printing each step.")
    boolean await;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AdminClient client = admin.client();
        if (file != null) {
            if (service != null || !env.isEmpty() || command != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "-f: deploys from the stack file alone (expected:"
                                + " no SERVICE, --env or --command with it)");
            }
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            JsonNode started = client.deployStackFile(file.toAbsolutePath(), Optional.ofNullable(strategy));
            if (started.path("deployments").isEmpty()) {
                spec.commandLine().getOut().println("no service changed: nothing to deploy");
            }
            int code = 0;
            for (JsonNode deployment : started.path("deployments")) {
                code = Math.max(code, follow(client, deployment));
            }
            return code;
        }
        if (service == null) {
            throw new ParameterException(spec.commandLine(), "SERVICE: missing (expected: a service, or -f FILE)");
        }
        if (promote) {
            return follow(client, client.promote(service));
        }
        return follow(client, client.deploy(service, env(), command(), Optional.ofNullable(strategy)));
    }

    private int follow(AdminClient client, JsonNode deployment) throws InterruptedException {
        var out = spec.commandLine().getOut();
        out.printf(
                "deployment %d: %s revision %d (%s), %s%n",
                deployment.path("id").asLong(),
                deployment.path("service").asText(),
                deployment.path("revision").asInt(),
                deployment.path("strategy").asText(),
                deployment.path("step").asText());
        out.flush();
        if (!await) {
            return 0;
        }
        return new DeploymentWatch(client, out).await(deployment.path("id").asLong());
    }

    private Map<String, String> env() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String pair : env) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new ParameterException(spec.commandLine(), "--env: '" + pair + "' (expected: KEY=VALUE)");
            }
            variables.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return variables;
    }

    private List<String> command() {
        return command == null || command.isBlank()
                ? List.of()
                : List.of(command.trim().split("\\s+"));
    }
}
