package gale.control.deploy;

import static java.util.Objects.requireNonNull;

import gale.fleet.ServiceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment asked for: a new task definition for a service, or its current one with changes ({@code gale deploy
 * web --env COLOR=green}).
 *
 * @param env variables added to (or replacing those of) the current definition's environment
 * @param command the new command, or empty to keep the current one
 * @param definition a whole new definition (a changed stack file), or empty to change the current one
 * @param strategy the strategy for this deployment, or empty for the service's own
 * @param reason who asked, for the events and the history
 */
public record DeployRequest(
        String service,
        Map<String, String> env,
        List<String> command,
        Optional<ServiceConfig> definition,
        Optional<Strategy> strategy,
        String reason) {

    public DeployRequest {
        requireNonNull(service, "service");
        requireNonNull(definition, "definition");
        requireNonNull(strategy, "strategy");
        requireNonNull(reason, "reason");
        env = Map.copyOf(env);
        command = List.copyOf(command);
    }
}
