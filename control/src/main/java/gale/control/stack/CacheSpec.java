package gale.control.stack;

import static java.util.Objects.requireNonNull;

import gale.app.cache.CacheConfig;
import gale.app.cache.CacheEngine;
import java.time.Duration;
import java.util.Optional;

/**
 * The tasks' cache, as the stack file says it: the engine (the reference app's default, Caffeine, when left out), a
 * Redis server Gale runs ({@code managed: true}) or one the user runs ({@code url}), and the entries' time to live.
 * The app's {@link CacheConfig} checks the values.
 */
public record CacheSpec(Optional<CacheEngine> engine, boolean managed, Optional<String> url, Optional<Duration> ttl) {

    public static final CacheSpec IN_PROCESS =
            new CacheSpec(Optional.empty(), false, Optional.empty(), Optional.empty());

    public CacheSpec {
        requireNonNull(engine, "engine");
        requireNonNull(url, "url");
        requireNonNull(ttl, "ttl");
        boolean redis = engine.filter(e -> e == CacheEngine.REDIS).isPresent();
        if (managed && !redis) {
            throw new IllegalArgumentException("managed: true (expected: engine redis; "
                    + engine.orElse(CacheConfig.DEFAULT_ENGINE).label() + " runs in each task)");
        }
        if (managed && url.isPresent()) {
            throw new IllegalArgumentException(
                    "url: " + url.get() + " (expected: no url with managed: true, Gale runs the server)");
        }
        if (redis && !managed && url.isEmpty()) {
            throw new IllegalArgumentException(
                    "engine: redis (expected: managed: true, or a url of the server you run)");
        }
        url.ifPresent(u -> {
            if (!redis) {
                throw new IllegalArgumentException("url: " + u + " (expected: engine: redis with it)");
            }
        });
        // The app owns the limits (a managed server's URL is Gale's: only the time to live is checked then).
        new CacheConfig(
                managed ? CacheEngine.NONE : engine.orElse(CacheConfig.DEFAULT_ENGINE),
                managed ? Optional.empty() : url,
                ttl.orElse(CacheConfig.DEFAULT_TTL));
    }

    /** Gale runs a Redis server for the tasks. */
    public boolean managedRedis() {
        return managed;
    }
}
