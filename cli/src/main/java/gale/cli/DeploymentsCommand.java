package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "deployments",
        mixinStandardHelpOptions = true,
        description = "The deployment history, newest first: revision, strategy, state, started, took, reason.")
final class DeploymentsCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "Only this service's.")
    String service;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode answer = admin.client().deployments(Optional.ofNullable(service));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.toPrettyString());
        } else {
            out.printf(
                    "%-4s %-8s %-8s %-10s %-11s %-24s %9s  %s%n",
                    "ID", "SERVICE", "REVISION", "STRATEGY", "STATE", "STARTED", "TOOK", "REASON");
            for (JsonNode d : answer.path("deployments")) {
                out.printf(
                        Locale.ROOT,
                        "%-4d %-8s %-8s %-10s %-11s %-24s %8.1fs  %s%n",
                        d.path("id").asLong(),
                        d.path("service").asText(),
                        d.path("fromRevisions") + "→" + d.path("revision").asInt(),
                        d.path("strategy").asText(),
                        d.path("state").asText(),
                        d.path("startedAt").asText(),
                        d.path("tookMs").asLong() / 1e3,
                        d.path("reason").asText());
            }
        }
        out.flush();
        return 0;
    }
}
