package gale.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /} (seed 002's hello world), {@code GET /whoami}, {@code GET /health} and {@code GET /delay}. */
final class HelloRoutes {

    static final long MAX_DELAY_MS = 30_000;
    static final long HEALTH_TIMEOUT_MS = 1_000;

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
                        .end("Hello, World! from task " + state.taskId() + "\n"));
        routes.add(
                HttpMethod.GET,
                "/whoami",
                ctx -> Http.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("taskId", state.taskId())
                                .put("pid", state.pid())
                                .put("host", state.host())
                                .put("port", ctx.request().localAddress().port())));
        routes.add(HttpMethod.GET, "/health", ctx -> {
            // Answer within a second whatever the database does: a health check must not hang on a dead pool.
            long timer = routes.vertx().setTimer(HEALTH_TIMEOUT_MS, id -> down(ctx));
            routes.blocking(ctx, state.database()::healthy, healthy -> {
                routes.vertx().cancelTimer(timer);
                if (!healthy) {
                    down(ctx);
                } else if (!ctx.response().ended()) {
                    Http.json(ctx, 200, new JsonObject().put("status", "UP").put("taskId", state.taskId()));
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

    private void down(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            Http.json(
                    ctx,
                    503,
                    new JsonObject()
                            .put("status", "DOWN")
                            .put("taskId", state.taskId())
                            .put("reason", "database did not answer within " + HEALTH_TIMEOUT_MS + " ms"));
        }
    }
}
