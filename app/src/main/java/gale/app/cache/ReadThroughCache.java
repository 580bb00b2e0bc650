package gale.app.cache;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads through the cache (a hit never reaches the database; a miss loads and stores), and writes through after the
 * database has committed. A store that fails is counted and skipped: the database answers, as it would without a
 * cache. Hits, misses, errors and the cache's latency are in {@code /metrics}.
 */
public final class ReadThroughCache implements AutoCloseable {

    static final String SEED_KEY = "gale:seed";
    private static final Logger log = LoggerFactory.getLogger(ReadThroughCache.class);

    /** Loads a value from the database on a miss; empty when there is none (nothing is cached then). */
    @FunctionalInterface
    public interface Loader {
        Optional<String> load() throws Exception;
    }

    private final CacheEngine engine;
    private final CacheStore store;
    private final Counter requests;
    private final Counter writeErrors;
    private final Histogram latency;

    private ReadThroughCache(CacheEngine engine, CacheStore store, PrometheusRegistry registry) {
        this.engine = engine;
        this.store = store;
        requests = Counter.builder()
                .name("gale_app_cache_requests_total")
                .help("Cache lookups, by cached data (url, seed) and result (hit, miss, error)")
                .labelNames("cache", "result")
                .withoutExemplars()
                .register(registry);
        writeErrors = Counter.builder()
                .name("gale_app_cache_write_errors_total")
                .help("Writes to the cache that failed (the database has the value)")
                .labelNames("cache")
                .withoutExemplars()
                .register(registry);
        latency = Histogram.builder()
                .name("gale_app_cache_duration_seconds")
                .help("Time of a cache lookup, by cached data")
                .labelNames("cache")
                .classicOnly()
                .classicUpperBounds(0.00001, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5)
                .withoutExemplars()
                .register(registry);
    }

    /** Opens the store; for Redis this connects, and throws when the server can't be reached. */
    public static ReadThroughCache open(CacheConfig config, PrometheusRegistry registry) {
        requireNonNull(config, "config");
        CacheStore store = switch (config.engine()) {
            case NONE -> null;
            case CAFFEINE -> new CaffeineStore(config.ttl());
            case REDIS -> new RedisStore(config.url().orElseThrow(), config.ttl());
        };
        return new ReadThroughCache(config.engine(), store, registry);
    }

    public CacheEngine engine() {
        return engine;
    }

    public static String urlKey(String code) {
        return "gale:url:" + code;
    }

    public static String seedKey() {
        return SEED_KEY;
    }

    /** The cached value of {@code key}, else what {@code loader} reads (then cached). */
    public Optional<String> read(String cache, String key, Loader loader) throws Exception {
        if (store == null) {
            return loader.load();
        }
        long start = System.nanoTime();
        try {
            Optional<String> cached = store.get(key);
            latency.labelValues(cache).observe((System.nanoTime() - start) / 1e9);
            if (cached.isPresent()) {
                requests.labelValues(cache, "hit").inc();
                return cached;
            }
            requests.labelValues(cache, "miss").inc();
        } catch (RuntimeException e) {
            latency.labelValues(cache).observe((System.nanoTime() - start) / 1e9);
            requests.labelValues(cache, "error").inc();
            log.debug("Cache lookup of {} failed: {}", key, e.toString());
            return loader.load();
        }
        Optional<String> loaded = loader.load();
        loaded.ifPresent(value -> store(cache, () -> store.putIfAbsent(key, value), key));
        return loaded;
    }

    /** Stores a value the database has committed, so that no task reads an older one from a shared cache. */
    public void write(String cache, String key, String value) {
        if (store != null) {
            store(cache, () -> store.put(key, value), key);
        }
    }

    private void store(String cache, Runnable write, String key) {
        try {
            write.run();
        } catch (RuntimeException e) {
            writeErrors.labelValues(cache).inc();
            log.debug("Cache write of {} failed: {}", key, e.toString());
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
