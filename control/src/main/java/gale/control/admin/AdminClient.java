package gale.control.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin API as the CLI uses it. A stack that does not answer is a {@link StackUnreachableException}; a request the
 * stack refuses (400, 404) is an {@link IllegalArgumentException} with the stack's own message.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;

    /** @param base like {@code http://127.0.0.1:8081/} */
    public AdminClient(URI base, Optional<String> token) {
        this.base = requireNonNull(base, "base");
        this.token = requireNonNull(token, "token");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    public URI base() {
        return base;
    }

    public JsonNode status() {
        return send(HttpRequest.newBuilder(base.resolve("/api/status")).GET());
    }

    public JsonNode scale(String service, int desiredCount) {
        ObjectNode body = JSON.createObjectNode().put("desiredCount", desiredCount);
        return post("/api/services/" + service + "/scale", body);
    }

    public JsonNode stopTask(String taskId, boolean kill) {
        return post("/api/tasks/" + taskId + "/stop", JSON.createObjectNode().put("kill", kill));
    }

    /** Injects a fault ({@code FaultJson}'s form); returns it with its id. */
    public JsonNode injectFault(JsonNode fault) {
        return post("/api/faults", (ObjectNode) fault);
    }

    /** {@code {"faults": [...]}}: active faults, then recently ended ones. */
    public JsonNode faults() {
        return send(HttpRequest.newBuilder(base.resolve("/api/faults")).GET());
    }

    /** Clears one fault, or every active one when {@code id} is null; returns what was cleared. */
    public JsonNode clearFaults(String id) {
        return send(authorized(HttpRequest.newBuilder(base.resolve(id == null ? "/api/faults" : "/api/faults/" + id))
                .DELETE()));
    }

    /** Starts a deployment: {@code env} merged into the current definition, {@code command} when not empty. */
    public JsonNode deploy(
            String service,
            java.util.Map<String, String> env,
            java.util.List<String> command,
            Optional<String> strategy) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode envNode = body.putObject("env");
        env.forEach(envNode::put);
        if (!command.isEmpty()) {
            command.forEach(body.putArray("command")::add);
        }
        strategy.ifPresent(s -> body.put("strategy", s));
        return post("/api/services/" + service + "/deploy", body);
    }

    /** Sends the stack file's text; the stack deploys each service whose definition changed. */
    public JsonNode deployStackFile(java.nio.file.Path file, Optional<String> strategy) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", file.toString());
        body.put("stackFile", java.nio.file.Files.readString(file));
        strategy.ifPresent(s -> body.put("strategy", s));
        return post("/api/deployments", body);
    }

    public JsonNode rollback(String service, Optional<Integer> toRevision) {
        ObjectNode body = JSON.createObjectNode();
        toRevision.ifPresent(revision -> body.put("toRevision", revision));
        return post("/api/services/" + service + "/rollback", body);
    }

    public JsonNode promote(String service) {
        return post("/api/services/" + service + "/promote", JSON.createObjectNode());
    }

    /** {@code {"deployments": [...]}}, newest first. */
    public JsonNode deployments(Optional<String> service) {
        String query = service.map(s -> "?service=" + s).orElse("");
        return send(
                HttpRequest.newBuilder(base.resolve("/api/deployments" + query)).GET());
    }

    public JsonNode deployment(long id) {
        return send(
                HttpRequest.newBuilder(base.resolve("/api/deployments/" + id)).GET());
    }

    public JsonNode shutdown() {
        return post("/api/shutdown", JSON.createObjectNode());
    }

    /** True while something answers HTTP on the admin port. */
    public boolean reachable() {
        try {
            status();
            return true;
        } catch (StackUnreachableException e) {
            return false;
        }
    }

    private JsonNode post(String path, ObjectNode body) {
        return send(authorized(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header(
                "Authorization",
                "Bearer "
                        + token.orElseThrow(() -> new StackUnreachableException("no token for the stack on "
                                + base.getAuthority() + " (is it yours? it keeps its token under ~/.gale/stacks)")));
    }

    private JsonNode send(HttpRequest.Builder request) {
        // A stack listening beyond 127.0.0.1 wants the token for reads too; sending it always costs nothing.
        token.ifPresent(t -> request.setHeader("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw unreachable();
        } catch (IOException e) {
            throw unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        String message = body.path("error").asText("HTTP " + status);
        if (status == 400 || status == 404) {
            throw new IllegalArgumentException(message);
        }
        throw new IllegalStateException(message + " (HTTP " + status + ")");
    }

    private StackUnreachableException unreachable() {
        return new StackUnreachableException("no Gale stack on " + base.getAuthority() + ": start one with ./gale up");
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("error", text);
        }
    }

    /** Nothing answers on the admin port, or it is not ours to change. */
    public static final class StackUnreachableException extends IllegalStateException {
        public StackUnreachableException(String message) {
            super(message);
        }
    }
}
