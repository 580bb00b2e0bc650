package gale.app.cache;

import java.util.Optional;

/** Where cached values live: a string per key, each kept for the store's time to live. */
interface CacheStore extends AutoCloseable {

    /** The value, if cached. Throws when the store can't be reached (counted, and read from the database). */
    Optional<String> get(String key);

    /** Stores a value just committed to the database: it replaces any older one. */
    void put(String key, String value);

    /**
     * Stores a value just read from the database, unless another is there: a write that committed meanwhile stored a
     * newer value, which this older read must not replace.
     */
    void putIfAbsent(String key, String value);

    @Override
    void close();
}
