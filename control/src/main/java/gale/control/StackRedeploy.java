package gale.control;

import gale.control.deploy.DeployRequest;
import gale.control.deploy.DeploymentSnapshot;
import gale.control.deploy.Deployments;
import gale.control.deploy.Strategy;
import gale.control.stack.StackConfig;
import gale.fleet.Fleet;
import gale.fleet.ServiceConfig;
import gale.fleet.ServiceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code gale deploy -f stack.yaml}: the stack file is the declarative source, so each service whose task definition
 * (command, environment, CPU, memory) differs from the one it runs gets a deployment of the file's definition.
 */
final class StackRedeploy {

    private StackRedeploy() {}

    static List<DeploymentSnapshot> apply(
            StackConfig file,
            Map<String, String> stackEnv,
            Fleet fleet,
            Deployments deployments,
            Optional<Strategy> strategy,
            String fileName) {
        Map<String, ServiceSnapshot> running =
                fleet.services().stream().collect(Collectors.toMap(ServiceSnapshot::name, Function.identity()));
        for (String name : file.services().keySet()) {
            if (!running.containsKey(name)) {
                throw new IllegalArgumentException("services." + name + ": not in the running stack (expected: one of "
                        + running.keySet() + "; a new service needs gale up)");
            }
        }
        List<DeploymentSnapshot> started = new ArrayList<>();
        file.services().forEach((name, spec) -> {
            ServiceConfig definition = FleetMapping.of(name, spec, stackEnv);
            if (!sameDefinition(definition, running.get(name).config())) {
                started.add(deployments.deploy(new DeployRequest(
                        name,
                        Map.of(),
                        List.of(),
                        Optional.of(definition),
                        strategy,
                        "Task definition changed in " + fileName)));
            }
        });
        return started;
    }

    static boolean sameDefinition(ServiceConfig a, ServiceConfig b) {
        return a.template().equals(b.template())
                && Objects.equals(a.cpuLimit(), b.cpuLimit())
                && Objects.equals(a.memoryLimitBytes(), b.memoryLimitBytes());
    }
}
