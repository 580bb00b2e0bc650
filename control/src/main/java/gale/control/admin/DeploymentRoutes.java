package gale.control.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.deploy.DeployRequest;
import gale.control.deploy.DeploymentJson;
import gale.control.deploy.Strategy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /api/deployments} and the deploy, rollback and promote actions of {@code /api/services/{name}}. */
final class DeploymentRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<StackControl> stack;

    DeploymentRoutes(Supplier<StackControl> stack) {
        this.stack = stack;
    }

    void install(Router router) {
        router.get("/api/deployments").handler(this::list);
        router.get("/api/deployments/:id").handler(this::one);
        router.post("/api/deployments").handler(this::fromStackFile);
        router.post("/api/services/:name/deploy").handler(this::deploy);
        router.post("/api/services/:name/rollback").handler(this::rollback);
        router.post("/api/services/:name/promote")
                .handler(ctx -> AdminApi.blocking(
                        ctx,
                        () -> DeploymentJson.toJson(stack.get().deployments().promote(ctx.pathParam("name")))));
    }

    private void list(RoutingContext ctx) {
        Optional<String> service = Optional.ofNullable(ctx.request().getParam("service"));
        AdminApi.blocking(ctx, () -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.set(
                    "deployments",
                    DeploymentJson.toJson(stack.get().deployments().history(service)));
            return answer;
        });
    }

    private void one(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            AdminApi.error(ctx, 400, "id: " + ctx.pathParam("id") + " (expected: a deployment number)", "id");
            return;
        }
        AdminApi.blocking(
                ctx,
                () -> stack.get()
                        .deployments()
                        .find(id)
                        .map(DeploymentJson::toJson)
                        .orElseThrow(() -> new NoSuchElementException("no deployment " + id)));
    }

    private void deploy(RoutingContext ctx) {
        JsonNode body = ctx.body().isEmpty() ? JSON.createObjectNode() : AdminApi.body(ctx);
        if (body == null) {
            return;
        }
        Map<String, String> env = new HashMap<>();
        JsonNode envNode = body.path("env");
        if (!envNode.isMissingNode() && !envNode.isObject()) {
            AdminApi.error(ctx, 400, "env: " + envNode + " (expected: an object of strings)", "env");
            return;
        }
        envNode.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        List<String> command = new ArrayList<>();
        JsonNode commandNode = body.path("command");
        if (!commandNode.isMissingNode() && !commandNode.isArray()) {
            AdminApi.error(ctx, 400, "command: " + commandNode + " (expected: an array of strings)", "command");
            return;
        }
        commandNode.forEach(argument -> command.add(argument.asText()));
        Optional<Strategy> strategy;
        try {
            strategy = body.hasNonNull("strategy")
                    ? Optional.of(Strategy.parse(body.get("strategy").asText()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            AdminApi.error(ctx, 400, e.getMessage(), "strategy");
            return;
        }
        String reason = body.path("reason").asText("Deployed by user");
        DeployRequest request =
                new DeployRequest(ctx.pathParam("name"), env, command, Optional.empty(), strategy, reason);
        AdminApi.blocking(
                ctx, () -> DeploymentJson.toJson(stack.get().deployments().deploy(request)));
    }

    private void fromStackFile(RoutingContext ctx) {
        JsonNode body = AdminApi.body(ctx);
        if (body == null) {
            return;
        }
        if (!body.path("stackFile").isTextual() || !body.path("name").isTextual()) {
            AdminApi.error(
                    ctx, 400, "stackFile: missing (expected: {\"name\": FILE, \"stackFile\": YAML})", "stackFile");
            return;
        }
        Optional<Strategy> strategy;
        try {
            strategy = body.hasNonNull("strategy")
                    ? Optional.of(Strategy.parse(body.get("strategy").asText()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            AdminApi.error(ctx, 400, e.getMessage(), "strategy");
            return;
        }
        AdminApi.blocking(ctx, () -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.set(
                    "deployments",
                    DeploymentJson.toJson(stack.get()
                            .deployStackFile(
                                    body.get("name").asText(),
                                    body.get("stackFile").asText(),
                                    strategy)));
            return answer;
        });
    }

    private void rollback(RoutingContext ctx) {
        JsonNode body = ctx.body().isEmpty() ? JSON.createObjectNode() : AdminApi.body(ctx);
        if (body == null) {
            return;
        }
        JsonNode to = body.path("toRevision");
        if (!to.isMissingNode() && !to.isNull() && !(to.isIntegralNumber() && to.asInt() >= 1)) {
            AdminApi.error(ctx, 400, "toRevision: " + to + " (expected: a revision number >= 1)", "toRevision");
            return;
        }
        Optional<Integer> target = to.isIntegralNumber() ? Optional.of(to.asInt()) : Optional.empty();
        AdminApi.blocking(
                ctx,
                () -> DeploymentJson.toJson(stack.get()
                        .deployments()
                        .rollback(ctx.pathParam("name"), target, "Rollback requested by user")));
    }
}
