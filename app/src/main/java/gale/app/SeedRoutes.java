package gale.app;

import gale.app.cache.ReadThroughCache;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Seed 003's seed value: {@code GET /seed} → {@code {"num": N}}, {@code POST /seed {"num": N}}. Stored in the
 * database, so every task answers the same (seed 003 kept it per instance: a bug users hit); read through the cache,
 * and written through to it once committed, so that no task reads an older value from a shared cache.
 */
final class SeedRoutes {

    private static final String SEED = "seed";

    private final AppState state;

    SeedRoutes(AppState state) {
        this.state = state;
    }

    void install(Routes routes) {
        routes.add(
                HttpMethod.GET,
                "/seed",
                ctx -> routes.database(
                        ctx,
                        wait -> state.cache()
                                .read(
                                        SEED,
                                        ReadThroughCache.seedKey(),
                                        () -> Optional.of(
                                                Long.toString(state.database().seed(wait))))
                                .map(Long::parseLong)
                                .orElse(0L),
                        num -> Http.json(ctx, 200, new JsonObject().put("num", num))));
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
            routes.database(
                    ctx,
                    wait -> {
                        state.database().setSeed(wait, num);
                        state.cache().write(SEED, ReadThroughCache.seedKey(), Long.toString(num));
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
