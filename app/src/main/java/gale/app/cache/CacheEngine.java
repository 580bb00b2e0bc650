package gale.app.cache;

import java.util.Locale;

/** Where the app keeps what it read from the database. */
public enum CacheEngine {
    /** Every read goes to the database. */
    NONE,
    /** In each task's memory: nothing to run, but each task has its own copy. */
    CAFFEINE,
    /** One Redis server shared by every task (ElastiCache's role in seed 004). */
    REDIS;

    public static CacheEngine parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cacheEngine: '" + value + "' (expected: none, caffeine or redis)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
