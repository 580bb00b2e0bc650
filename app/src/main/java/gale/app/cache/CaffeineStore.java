package gale.app.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;

/** In this task's memory, bounded in size; the seed value lives at most {@link CacheConfig#LOCAL_SEED_TTL}. */
final class CaffeineStore implements CacheStore {

    static final long MAX_ENTRIES = 100_000;

    private final Cache<String, String> cache;

    CaffeineStore(Duration ttl) {
        long ttlNanos = ttl.toNanos();
        long seedNanos = Math.min(ttlNanos, CacheConfig.LOCAL_SEED_TTL.toNanos());
        cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(Expiry.<String, String>writing(
                        (key, value) -> Duration.ofNanos(key.equals(ReadThroughCache.SEED_KEY) ? seedNanos : ttlNanos)))
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(String key, String value) {
        cache.put(key, value);
    }

    @Override
    public void putIfAbsent(String key, String value) {
        cache.asMap().putIfAbsent(key, value);
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
