package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import gale.control.admin.AdminClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Follows a deployment until it ends, and the rollback that follows a failed one; prints each step once. */
final class DeploymentWatch {

    private static final Duration POLL = Duration.ofMillis(500);

    private final AdminClient client;
    private final PrintWriter out;

    DeploymentWatch(AdminClient client, PrintWriter out) {
        this.client = client;
        this.out = out;
    }

    /** 0 when it completed, 1 when it failed (whether or not its rollback completed). */
    int await(long id) throws InterruptedException {
        JsonNode ended = follow(id);
        if (ended.path("state").asText().equals("COMPLETED")) {
            return 0;
        }
        Optional<JsonNode> rollback = rollbackOf(id);
        if (rollback.isPresent()) {
            follow(rollback.get().path("id").asLong());
        }
        return 1;
    }

    private JsonNode follow(long id) throws InterruptedException {
        String lastStep = "";
        while (true) {
            JsonNode d = client.deployment(id);
            String step = d.path("step").asText();
            if (!step.equals(lastStep)) {
                out.printf("  deployment %d: %s%n", id, step);
                out.flush();
                lastStep = step;
            }
            if (!d.path("state").asText().equals("IN_PROGRESS")) {
                out.printf(
                        Locale.ROOT,
                        "deployment %d %s in %.1f s: %s%n",
                        id,
                        d.path("state").asText(),
                        d.path("tookMs").asLong() / 1e3,
                        d.path("reason").asText());
                out.flush();
                return d;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Optional<JsonNode> rollbackOf(long id) throws InterruptedException {
        // The control plane starts the rollback on its next step, within a fraction of a second.
        for (int i = 0; i < 10; i++) {
            for (JsonNode d : client.deployments(Optional.empty()).path("deployments")) {
                if (d.path("rollbackOf").asLong(-1) == id) {
                    return Optional.of(d);
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }
}
