package gale.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Seed 003's CPU stress: {@code POST /stress {"seconds": S}} → 202, then one core burns for S seconds. */
final class StressRoutes {

    private final AppState state;

    StressRoutes(AppState state) {
        this.state = state;
    }

    void install(Routes routes) {
        routes.add(HttpMethod.POST, "/stress", ctx -> {
            JsonObject body = Http.body(ctx, "{\"seconds\": S} with S from 1 to " + CpuBurner.MAX_SECONDS);
            if (body == null) {
                return;
            }
            Object value = body.getValue("seconds");
            if (!(value instanceof Number number)
                    || !(number.doubleValue() > 0 && number.doubleValue() <= CpuBurner.MAX_SECONDS)) {
                Http.error(
                        ctx,
                        400,
                        "seconds: " + (value == null ? "missing" : "'" + value + "'")
                                + " (expected: a number above 0, at most " + CpuBurner.MAX_SECONDS + ")");
                return;
            }
            double seconds = number.doubleValue();
            if (!state.burner().burn(Duration.ofMillis((long) (seconds * 1000)))) {
                ctx.response().putHeader("Retry-After", "10");
                Http.error(
                        ctx,
                        429,
                        "stress: " + CpuBurner.MAX_CONCURRENT
                                + " burns already running (expected: at most that many at once)");
                return;
            }
            Http.json(
                    ctx,
                    202,
                    new JsonObject()
                            .put("taskId", state.taskId())
                            .put("seconds", seconds)
                            .put("active", state.burner().active()));
        });
    }
}
