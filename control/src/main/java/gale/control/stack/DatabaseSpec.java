package gale.control.stack;

import static java.util.Objects.requireNonNull;

import gale.app.data.DataConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The database the tasks share, as the stack file says it: the embedded H2 server (the default), a MariaDB or
 * PostgreSQL server Gale runs ({@code managed: true}), or one the user runs ({@code url}). Pool settings left out
 * keep the reference app's defaults ({@link DataConfig}), which also checks the ones given.
 */
public record DatabaseSpec(
        Engine engine,
        boolean managed,
        Optional<String> url,
        Optional<String> user,
        Optional<String> password,
        OptionalInt poolSize,
        Optional<Duration> connectionTimeout,
        Optional<Duration> queryTimeout,
        Optional<Boolean> catalogueIndex) {

    /** The database engines. */
    public enum Engine {
        H2,
        MARIADB,
        POSTGRESQL;

        public static Engine parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("engine: " + value + " (expected: h2, mariadb or postgresql)");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The engine a JDBC URL names, if one of these. */
        static Optional<Engine> of(String url) {
            if (url.startsWith("jdbc:h2:")) {
                return Optional.of(H2);
            } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
                return Optional.of(MARIADB);
            } else if (url.startsWith("jdbc:postgresql:")) {
                return Optional.of(POSTGRESQL);
            }
            return Optional.empty();
        }
    }

    public static final Engine DEFAULT_ENGINE = Engine.H2;
    public static final DatabaseSpec EMBEDDED = new DatabaseSpec(
            DEFAULT_ENGINE,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public DatabaseSpec {
        requireNonNull(engine, "engine");
        requireNonNull(url, "url");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        requireNonNull(poolSize, "poolSize");
        requireNonNull(connectionTimeout, "connectionTimeout");
        requireNonNull(queryTimeout, "queryTimeout");
        requireNonNull(catalogueIndex, "catalogueIndex");
        if (managed && engine == Engine.H2) {
            throw new IllegalArgumentException(
                    "managed: true (expected: engine mariadb or postgresql; h2 runs embedded in Gale)");
        }
        if (managed && url.isPresent()) {
            throw new IllegalArgumentException(
                    "url: " + url.get() + " (expected: no url with managed: true, Gale runs the server)");
        }
        if (managed && (user.isPresent() || password.isPresent())) {
            throw new IllegalArgumentException((user.isPresent() ? "user" : "password")
                    + ": set (expected: none with managed: true, Gale's server has the user gale)");
        }
        if (!managed && engine != Engine.H2 && url.isEmpty()) {
            throw new IllegalArgumentException(
                    "engine: " + engine.label() + " (expected: managed: true, or a url of the server you run)");
        }
        url.ifPresent(u -> {
            if (Engine.of(u).filter(e -> e == engine).isEmpty()) {
                throw new IllegalArgumentException("url: " + u + " (expected: a JDBC URL of engine " + engine.label()
                        + ": "
                        + switch (engine) {
                            case H2 -> "jdbc:h2:...";
                            case MARIADB -> "jdbc:mariadb://host:port/db";
                            case POSTGRESQL -> "jdbc:postgresql://host:port/db";
                        }
                        + ")");
            }
        });
        checkPool(poolSize, connectionTimeout, queryTimeout);
    }

    /**
     * The app owns the pool's limits: the same check it makes when it reads its environment. Returns the pool's
     * settings, given values in place of the app's defaults.
     *
     * @throws IllegalArgumentException naming the setting, e.g. {@code poolSize: 0 (expected: 1-1000)}
     */
    public static DataConfig checkPool(
            OptionalInt poolSize, Optional<Duration> connectionTimeout, Optional<Duration> queryTimeout) {
        DataConfig defaults = DataConfig.of(DataConfig.DEFAULT_URL);
        return defaults.withPool(
                poolSize.orElse(defaults.poolSize()),
                connectionTimeout.orElse(defaults.connectionTimeout()),
                queryTimeout.orElse(defaults.queryTimeout()));
    }

    /** The engine a URL names when the stack file gives no engine (H2 for any other JDBC URL). */
    public static Engine engineOf(String url) {
        return Engine.of(url).orElse(Engine.H2);
    }

    /** Gale's own H2 server. */
    public boolean embedded() {
        return engine == Engine.H2 && url.isEmpty();
    }
}
