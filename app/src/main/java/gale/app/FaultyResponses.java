package gale.app;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GALE_APP_FAULT=errors:RATE}: that fraction of requests answers 500. Health and readiness checks and metrics are
 * spared, so
 * the balancer keeps the task in rotation and only its clients, or an analysis of its responses, see the errors.
 */
final class FaultyResponses implements Handler<RoutingContext> {

    private static final Set<String> SPARED = Set.of("/health", "/ready", "/metrics");

    private final AppFault fault;

    FaultyResponses(AppFault fault) {
        this.fault = fault;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!SPARED.contains(ctx.request().path())
                && ThreadLocalRandom.current().nextDouble() < fault.errorRate()) {
            Http.error(ctx, 500, fault.describe());
        } else {
            ctx.next();
        }
    }
}
