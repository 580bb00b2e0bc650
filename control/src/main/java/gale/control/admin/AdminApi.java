package gale.control.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.events.EventJson;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api} (docs/api.md). Reads are open; mutations need {@code Authorization: Bearer <token>}.
 * Errors are JSON: {@code {"error": "...", "field": "desiredCount"}} with 400, 401, 404, 413, 429 or 503.
 */
final class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_EVENT_LIMIT = 100;
    private static final int MAX_DESIRED_COUNT = 1000;

    private volatile StackControl stack;
    private volatile byte[] token;
    private final EventStream stream = new EventStream();
    private final AdminLimits limits;
    private final AdminGuard guard;
    private Router router;

    AdminApi(AdminLimits limits, boolean tokenForReads) {
        this.limits = limits;
        this.guard = new AdminGuard(limits, tokenForReads, () -> token);
    }

    void install(Router router) {
        this.router = router;
        guard.install(router);
        router.route("/api/*").handler(this::requireOpen);
        router.route(HttpMethod.POST, "/api/*").handler(this::requireToken);
        router.route(HttpMethod.DELETE, "/api/*").handler(this::requireToken);
        router.route(HttpMethod.POST, "/api/*").handler(BodyHandler.create().setBodyLimit(limits.maxBodyBytes()));
        // A chunked body over the limit is only found while reading it; BodyHandler then fails the route with 413.
        router.route("/api/*").failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                error(ctx, 413, "the body is over " + limits.maxBodyBytes() + " bytes", null);
            } else {
                ctx.next();
            }
        });
        router.get("/api/status").handler(ctx -> json(ctx, 200, stack.status()));
        router.get("/api/events").handler(this::events);
        router.get("/api/events/stream").handler(ctx -> stream.serve(ctx, stack.events()));
        router.post("/api/services/:name/scale").handler(this::scale);
        router.post("/api/tasks/:id/stop").handler(this::stopTask);
        router.post("/api/shutdown").handler(this::shutdown);
        FaultRoutes.install(router, () -> stack.faults());
        new DeploymentRoutes(() -> stack).install(router);
        router.route("/api/*")
                .handler(ctx -> error(
                        ctx,
                        404,
                        "no such API: " + ctx.request().method() + " "
                                + ctx.request().path(),
                        null));
    }

    Router router() {
        return router;
    }

    void open(StackControl control, String bearerToken) {
        this.token = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
        this.stack = control;
    }

    void closeStreams() {
        stream.closeAll();
    }

    private void requireOpen(RoutingContext ctx) {
        if (stack == null) {
            error(ctx, 503, "the stack is starting", null);
        } else {
            ctx.next();
        }
    }

    private void requireToken(RoutingContext ctx) {
        if (!guard.authorized(ctx)) {
            AdminGuard.refuse(ctx, "this change needs the stack's token (Authorization: Bearer <token>)");
        } else {
            ctx.next();
        }
    }

    private void events(RoutingContext ctx) {
        String text = ctx.request().getParam("limit");
        int limit = DEFAULT_EVENT_LIMIT;
        if (text != null) {
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                error(ctx, 400, "limit: " + text + " (expected: an integer >= 1)", "limit");
                return;
            }
        }
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(EventJson.toJson(stack.events().recent(limit)).toString());
    }

    private void scale(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        JsonNode count = body.get("desiredCount");
        if (count == null
                || !count.canConvertToInt()
                || !count.isIntegralNumber()
                || count.asInt() < 0
                || count.asInt() > MAX_DESIRED_COUNT) {
            error(
                    ctx,
                    400,
                    "desiredCount: " + count + " (expected: an integer 0-" + MAX_DESIRED_COUNT + ")",
                    "desiredCount");
            return;
        }
        blocking(ctx, () -> {
            stack.scale(name, count.asInt());
            ObjectNode answer = JSON.createObjectNode();
            answer.put("service", name);
            answer.put("desiredCount", count.asInt());
            return answer;
        });
    }

    private void stopTask(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = ctx.body().isEmpty() ? JSON.createObjectNode() : body(ctx);
        if (body == null) {
            return;
        }
        JsonNode kill = body.path("kill");
        if (!kill.isMissingNode() && !kill.isBoolean()) {
            error(ctx, 400, "kill: " + kill + " (expected: true or false)", "kill");
            return;
        }
        blocking(ctx, () -> {
            stack.stopTask(id, kill.asBoolean(false));
            ObjectNode answer = JSON.createObjectNode();
            answer.put("task", id);
            answer.put("stopping", true);
            return answer;
        });
    }

    private void shutdown(RoutingContext ctx) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("stopping", true);
        ctx.response().putHeader("Content-Type", "application/json").setStatusCode(202);
        ctx.response()
                .end(answer.toString())
                .onComplete(done -> stack.shutdownAsync("Shutdown requested through the API"));
    }

    /** Runs a fleet call off the event loop; maps what it throws to 400 and 404. */
    static void blocking(RoutingContext ctx, Callable<ObjectNode> call) {
        blocking(ctx, 200, call);
    }

    /** As {@link #blocking(RoutingContext, Callable)}, answering {@code status} on success; 409 for a state refused. */
    static void blocking(RoutingContext ctx, int status, Callable<ObjectNode> call) {
        ctx.vertx().executeBlocking(call, false).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, status, result.result());
            } else if (result.cause() instanceof NoSuchElementException e) {
                error(ctx, 404, e.getMessage(), null);
            } else if (result.cause() instanceof IllegalArgumentException e) {
                error(ctx, 400, e.getMessage(), null);
            } else if (result.cause() instanceof IllegalStateException e) {
                error(ctx, 409, e.getMessage(), null);
            } else {
                log.warn("The admin API failed on {}", ctx.request().path(), result.cause());
                error(ctx, 500, String.valueOf(result.cause().getMessage()), null);
            }
        });
    }

    static JsonNode body(RoutingContext ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body().asString(StandardCharsets.UTF_8.name()));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            // answered below
        }
        error(ctx, 400, "the body is not a JSON object", null);
        return null;
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.toString());
    }

    static void error(RoutingContext ctx, int status, String message, String field) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        body.put("field", field);
        json(ctx, status, body);
    }
}
