package gale.app.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The app's cache. The defaults live here; {@code gale up} passes only what the stack file says.
 *
 * @param engine none, caffeine (the default) or redis
 * @param url the Redis server, {@code redis://host:port}; required for redis, refused otherwise
 * @param ttl how long an entry lives; Caffeine keeps the seed value at most {@link #LOCAL_SEED_TTL} whatever this is,
 *     since each task has its own copy and only Redis is written through by every task
 */
public record CacheConfig(CacheEngine engine, Optional<String> url, Duration ttl) {

    public static final CacheEngine DEFAULT_ENGINE = CacheEngine.CAFFEINE;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration LOCAL_SEED_TTL = Duration.ofSeconds(1);
    public static final CacheConfig DEFAULT = new CacheConfig(DEFAULT_ENGINE, Optional.empty(), DEFAULT_TTL);

    public CacheConfig {
        requireNonNull(engine, "engine");
        requireNonNull(url, "url");
        requireNonNull(ttl, "ttl");
        if (engine == CacheEngine.REDIS && url.isEmpty()) {
            throw new IllegalArgumentException("cacheUrl: missing (expected: redis://host:port with the redis engine)");
        }
        if (engine != CacheEngine.REDIS && url.isPresent()) {
            throw new IllegalArgumentException(
                    "cacheUrl: '" + url.get() + "' (expected: none unless the engine is redis)");
        }
        url.ifPresent(u -> {
            if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
                throw new IllegalArgumentException("cacheUrl: '" + u + "' (expected: redis://host:port)");
            }
        });
        if (ttl.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("cacheTtl: " + ttl.toMillis() + "ms (expected: at least 1ms)");
        }
    }

    public static CacheConfig of(CacheEngine engine) {
        return new CacheConfig(engine, Optional.empty(), DEFAULT_TTL);
    }

    public static CacheConfig redis(String url) {
        return new CacheConfig(CacheEngine.REDIS, Optional.of(url), DEFAULT_TTL);
    }
}
