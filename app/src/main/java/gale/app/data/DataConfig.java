package gale.app.data;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the app reaches its database. The defaults live here; {@code gale up} passes only what the stack file says.
 *
 * @param url the JDBC URL (H2, MariaDB or PostgreSQL)
 * @param user the user, when the URL does not carry it
 * @param password the password, when the URL does not carry it
 * @param poolSize the most connections this instance opens (HikariCP's {@code maximumPoolSize})
 * @param connectionTimeout how long a request waits for a connection before it gets 503: the pool timeout
 * @param queryTimeout how long a statement may wait on the network (a hung server) before it fails
 * @param catalogueIndex whether the migration that indexes the catalogue's {@code sku} is applied (seed 004's fix)
 */
public record DataConfig(
        String url,
        Optional<String> user,
        Optional<String> password,
        int poolSize,
        Duration connectionTimeout,
        Duration queryTimeout,
        boolean catalogueIndex) {

    /** Kept while the process lives (DB_CLOSE_DELAY=-1), so that `gale app` alone works. */
    public static final String DEFAULT_URL = "jdbc:h2:mem:gale;DB_CLOSE_DELAY=-1";

    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
    public static final boolean DEFAULT_CATALOGUE_INDEX = true;
    /** HikariCP refuses less. */
    static final Duration MIN_TIMEOUT = Duration.ofMillis(250);

    public DataConfig {
        requireNonNull(url, "url");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        requireNonNull(connectionTimeout, "connectionTimeout");
        requireNonNull(queryTimeout, "queryTimeout");
        if (!url.startsWith("jdbc:h2:")
                && !url.startsWith("jdbc:mariadb:")
                && !url.startsWith("jdbc:mysql:")
                && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("dbUrl: '" + url
                    + "' (expected: a JDBC URL, jdbc:h2:..., jdbc:mariadb:..., jdbc:mysql:... or jdbc:postgresql:...)");
        }
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: 1-1000)");
        }
        if (connectionTimeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "connectionTimeout: " + connectionTimeout.toMillis() + "ms (expected: at least 250ms)");
        }
        if (queryTimeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "queryTimeout: " + queryTimeout.toMillis() + "ms (expected: at least 250ms)");
        }
    }

    /** The URL with every other setting at its default. */
    public static DataConfig of(String url) {
        return new DataConfig(
                url,
                Optional.empty(),
                Optional.empty(),
                DEFAULT_POOL_SIZE,
                DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_QUERY_TIMEOUT,
                DEFAULT_CATALOGUE_INDEX);
    }

    public DataConfig withUser(String newUser, String newPassword) {
        return new DataConfig(
                url,
                Optional.ofNullable(newUser),
                Optional.ofNullable(newPassword),
                poolSize,
                connectionTimeout,
                queryTimeout,
                catalogueIndex);
    }

    public DataConfig withPool(int newPoolSize, Duration newConnectionTimeout, Duration newQueryTimeout) {
        return new DataConfig(url, user, password, newPoolSize, newConnectionTimeout, newQueryTimeout, catalogueIndex);
    }

    public DataConfig withCatalogueIndex(boolean applied) {
        return new DataConfig(url, user, password, poolSize, connectionTimeout, queryTimeout, applied);
    }

    /** H2 needs a user name even when it checks none. */
    boolean h2() {
        return url.startsWith("jdbc:h2:");
    }
}
