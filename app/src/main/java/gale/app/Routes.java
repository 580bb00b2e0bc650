package gale.app;

import gale.app.capacity.Capacity;
import gale.app.capacity.WorkerQueue;
import gale.app.data.Database;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The app's routes, assembled in one place (DESIGN.md, "Contract"). Every request is counted, timed and logged;
 * database work runs on worker threads, never on the event loop; every GET route answers HEAD too (RFC 9110 9.3.2).
 */
final class Routes {

    static final String ROUTE_KEY = "gale.route";
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Told to keep-alive clients, so that a balancer's pool closes idle connections before the app does. */
    static final int IDLE_TIMEOUT_SECONDS = 60;

    private final Vertx vertx;
    private final Router router;
    private final AppMetrics metrics;
    private final RequestLog requestLog;
    private final Duration poolTimeout;

    Routes(Vertx vertx, AppMetrics metrics, RequestLog requestLog, Duration poolTimeout) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        this.metrics = metrics;
        this.requestLog = requestLog;
        this.poolTimeout = poolTimeout;
    }

    static Router build(
            Vertx vertx, AppState state, AppMetrics metrics, RequestLog requestLog, Clock clock, Capacity capacity) {
        Routes routes =
                new Routes(vertx, metrics, requestLog, state.database().config().connectionTimeout());
        routes.router.route().handler(routes::observe);
        routes.router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        if (capacity.workers() > 0) {
            routes.router.route().handler(new WorkerQueue(capacity, Set.of("/metrics"), metrics.registry()));
        }
        if (state.fault().kind() == AppFault.Kind.ERRORS) {
            routes.router.route().handler(new FaultyResponses(state.fault()));
        }
        new HelloRoutes(state).install(routes);
        new SeedRoutes(state).install(routes);
        new StressRoutes(state).install(routes);
        new UrlRoutes(state, clock).install(routes);
        new CatalogueRoutes(state).install(routes);
        routes.add(
                HttpMethod.GET,
                "/metrics",
                ctx -> ctx.response()
                        .putHeader("Content-Type", metrics.contentType())
                        .end(metrics.scrape()));
        routes.router.errorHandler(
                404,
                ctx -> Http.error(
                        ctx,
                        404,
                        "path: '" + ctx.request().path()
                                + "' (expected: one of /, /seed, /whoami, /stress, /urls, /u/{code}, /catalogue, /health, /ready, /metrics, /delay)"));
        routes.router.errorHandler(
                405,
                ctx -> Http.error(
                        ctx,
                        405,
                        "method: " + ctx.request().method() + " (expected: another method for "
                                + ctx.request().path() + ")"));
        routes.router.errorHandler(
                413, ctx -> Http.error(ctx, 413, "body: too large (expected: at most " + MAX_BODY_BYTES + " bytes)"));
        routes.router.errorHandler(
                500,
                ctx -> Http.error(
                        ctx,
                        500,
                        "internal error: "
                                + (ctx.failure() == null
                                        ? "unknown"
                                        : ctx.failure().toString())));
        return routes.router;
    }

    /** Registers a route (a GET one for HEAD too); its path is the {@code route} label of the request metrics. */
    void add(HttpMethod method, String path, Handler<RoutingContext> handler) {
        io.vertx.ext.web.Route route = router.route(path).method(method);
        if (method == HttpMethod.GET) {
            // Vert.x sends a HEAD answer's headers and drops its body.
            route.method(HttpMethod.HEAD);
        }
        route.handler(ctx -> {
                    ctx.put(ROUTE_KEY, path);
                    ctx.next();
                })
                .handler(handler);
    }

    /**
     * Runs database work on a worker thread, then answers on the event loop. The time spent queued for a worker
     * counts against the pool timeout, so a request waits at most that long for the database: out of reach, it gets
     * 503 with {@code Retry-After}; any other failure is a 500.
     */
    <T> void database(RoutingContext ctx, DatabaseWork<T> work, Consumer<T> answer) {
        long queued = System.nanoTime();
        vertx.executeBlocking(() -> work.run(poolTimeout.minusNanos(System.nanoTime() - queued)), false)
                .onComplete(result -> {
                    if (ctx.response().ended()) {
                        return; // Answered already (a readiness check that timed out).
                    } else if (result.succeeded()) {
                        answer.accept(result.result());
                    } else if (Database.unavailable(result.cause())) {
                        ctx.response().putHeader("Retry-After", "1");
                        Http.error(
                                ctx,
                                503,
                                "database: unavailable (" + result.cause().getMessage() + ")");
                    } else {
                        Http.error(ctx, 500, "database: " + result.cause().getMessage());
                    }
                });
    }

    Vertx vertx() {
        return vertx;
    }

    private void observe(RoutingContext ctx) {
        long start = System.nanoTime();
        metrics.started();
        if (ctx.request().version() == HttpVersion.HTTP_1_1) {
            // HTTP/1.1 only: HTTP/2 forbids connection-specific headers.
            ctx.response().putHeader("Keep-Alive", "timeout=" + IDLE_TIMEOUT_SECONDS);
        }
        ctx.addEndHandler(done -> {
            long nanos = System.nanoTime() - start;
            int status = ctx.response().getStatusCode();
            String route = ctx.get(ROUTE_KEY, "unmatched");
            metrics.finished(route, ctx.request().method().name(), status, nanos / 1e9);
            requestLog.request(ctx.request().method().name(), ctx.request().uri(), status, nanos / 1_000_000);
        });
        ctx.next();
    }

    static JsonObject object() {
        return new JsonObject();
    }
}
