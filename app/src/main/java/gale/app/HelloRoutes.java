package gale.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code GET /} (seed 002's hello world), {@code GET /whoami}, {@code GET /delay}, and the two checks: {@code GET
 * /health}, liveness (this process serves; the balancer's default check, so that a database blip does not take every
 * target out at once) and {@code GET /ready}, readiness (the database answers within {@link #READY_TIMEOUT_MS}).
 */
final class HelloRoutes {

    static final long MAX_DELAY_MS = 30_000;
    static final long READY_TIMEOUT_MS = 1_000;

    private final AppState state;

    HelloRoutes(AppState state) {
        this.state = state;
    }

    void install(Routes routes) {
        routes.add(
                HttpMethod.GET,
                "/",
                ctx -> ctx.response()
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Hello, World! from task " + state.taskId() + " (revision " + state.revision() + ")\n"));
        routes.add(
                HttpMethod.GET,
                "/whoami",
                ctx -> Http.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("taskId", state.taskId())
                                .put("revision", state.revision())
                                .put("pid", state.pid())
                                .put("host", state.host())
                                .put("port", ctx.request().localAddress().port())));
        routes.add(HttpMethod.GET, "/health", ctx -> {
            if (state.fault().kind() == AppFault.Kind.UNHEALTHY) {
                Http.json(
                        ctx,
                        503,
                        new JsonObject()
                                .put("status", "DOWN")
                                .put("taskId", state.taskId())
                                .put("reason", state.fault().describe()));
            } else {
                Http.json(ctx, 200, new JsonObject().put("status", "UP").put("taskId", state.taskId()));
            }
        });
        routes.add(HttpMethod.GET, "/ready", ctx -> {
            // Answer within a second whatever the database does: a check must not hang on a dead pool.
            long timer = routes.vertx().setTimer(READY_TIMEOUT_MS, id -> notReady(ctx));
            routes.database(
                    ctx, wait -> state.database().answers(min(wait, Duration.ofMillis(READY_TIMEOUT_MS))), answers -> {
                        routes.vertx().cancelTimer(timer);
                        if (!answers) {
                            notReady(ctx);
                        } else if (!ctx.response().ended()) {
                            Http.json(
                                    ctx,
                                    200,
                                    new JsonObject()
                                            .put("status", "UP")
                                            .put("taskId", state.taskId())
                                            .put("database", "UP"));
                        }
                    });
        });
        // A slow response on purpose, to watch draining and timeouts: GET /delay?ms=500.
        routes.add(HttpMethod.GET, "/delay", ctx -> {
            String raw = ctx.request().getParam("ms", "0");
            long ms;
            try {
                ms = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                ms = -1;
            }
            if (ms < 0 || ms > MAX_DELAY_MS) {
                Http.error(ctx, 400, "ms: '" + Http.abbreviate(raw) + "' (expected: 0-" + MAX_DELAY_MS + ")");
                return;
            }
            long delay = ms;
            routes.vertx()
                    .setTimer(
                            Math.max(1, delay),
                            id -> Http.json(
                                    ctx,
                                    200,
                                    new JsonObject()
                                            .put("taskId", state.taskId())
                                            .put("delayedMs", delay)));
        });
    }

    private void notReady(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            Http.json(
                    ctx,
                    503,
                    new JsonObject()
                            .put("status", "DOWN")
                            .put("taskId", state.taskId())
                            .put("database", "DOWN")
                            .put("reason", "database did not answer within " + READY_TIMEOUT_MS + " ms"));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
