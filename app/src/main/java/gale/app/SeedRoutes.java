package gale.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Seed 003's seed value: {@code GET /seed} → {@code {"num": N}}, {@code POST /seed {"num": N}}. Stored in the
 * database, so every task answers the same (seed 003 kept it per instance: a bug users hit).
 */
final class SeedRoutes {

    private final AppState state;

    SeedRoutes(AppState state) {
        this.state = state;
    }

    void install(Routes routes) {
        routes.add(
                HttpMethod.GET,
                "/seed",
                ctx -> routes.blocking(
                        ctx, state.database()::seed, num -> Http.json(ctx, 200, new JsonObject().put("num", num))));
        routes.add(HttpMethod.POST, "/seed", ctx -> {
            JsonObject body = Http.body(ctx, "{\"num\": N} with N an integer");
            if (body == null) {
                return;
            }
            Object value = body.getValue("num");
            Long num = asLong(value);
            if (num == null) {
                Http.error(
                        ctx,
                        400,
                        "num: " + (value == null ? "missing" : "'" + value + "'") + " (expected: an integer, "
                                + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
                return;
            }
            routes.blocking(
                    ctx,
                    () -> {
                        state.database().setSeed(num);
                        return num;
                    },
                    stored -> Http.json(ctx, 200, new JsonObject().put("num", stored)));
        });
    }

    private static Long asLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }
}
