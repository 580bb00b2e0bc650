package gale.control.stack.internal;

import gale.app.cache.CacheEngine;
import gale.control.stack.CacheSpec;
import gale.control.stack.DatabaseSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The {@code database} and {@code cache} sections: only what the user wrote; the app's config owns the defaults. */
final class DataTierReader {

    private DataTierReader() {}

    static DatabaseSpec database(Section s) {
        Optional<String> url = Optional.ofNullable(s.string("url", null));
        String engineName = s.string("engine", null);
        boolean managed = s.bool("managed", false);
        Optional<String> user = Optional.ofNullable(s.string("user", null));
        Optional<String> password = Optional.ofNullable(s.string("password", null));
        Section pool = s.section("pool");
        OptionalInt size = pool.has("size") ? OptionalInt.of(pool.integer("size", 0)) : OptionalInt.empty();
        Optional<Duration> connectionTimeout = optionalDuration(pool, "connectionTimeout");
        Optional<Duration> queryTimeout = optionalDuration(pool, "queryTimeout");
        pool.finish();
        pool.build(() -> DatabaseSpec.checkPool(size, connectionTimeout, queryTimeout));
        Optional<Boolean> catalogueIndex =
                s.has("catalogueIndex") ? Optional.of(s.bool("catalogueIndex", true)) : Optional.empty();
        s.finish();
        return s.build(() -> new DatabaseSpec(
                engineName != null
                        ? DatabaseSpec.Engine.parse(engineName)
                        : url.map(DatabaseSpec::engineOf).orElse(DatabaseSpec.DEFAULT_ENGINE),
                managed,
                url,
                user,
                password,
                size,
                connectionTimeout,
                queryTimeout,
                catalogueIndex));
    }

    static CacheSpec cache(Section s) {
        String engineName = s.string("engine", null);
        boolean managed = s.bool("managed", false);
        Optional<String> url = Optional.ofNullable(s.string("url", null));
        Optional<Duration> ttl = optionalDuration(s, "ttl");
        s.finish();
        return s.build(() -> new CacheSpec(
                engineName != null
                        ? Optional.of(CacheEngine.parse(engineName))
                        : url.isPresent() || managed ? Optional.of(CacheEngine.REDIS) : Optional.empty(),
                managed,
                url,
                ttl));
    }

    private static Optional<Duration> optionalDuration(Section s, String key) {
        return s.has(key) ? Optional.of(s.duration(key, Duration.ZERO)) : Optional.empty();
    }
}
