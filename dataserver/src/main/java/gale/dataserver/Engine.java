package gale.dataserver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A server Gale can run from Debian's binaries: how to find them, set up an empty data folder, start it on a port
 * of 127.0.0.1, and tell when it accepts clients. One instance per engine, stateless.
 */
public sealed interface Engine permits MariaDbEngine, PostgresEngine, RedisEngine {

    MariaDbEngine MARIADB = new MariaDbEngine();
    PostgresEngine POSTGRESQL = new PostgresEngine();
    RedisEngine REDIS = new RedisEngine();

    /** {@code mariadb}, {@code postgresql} or {@code redis}: the stack file's name for it. */
    String name();

    /** The Debian package that ships the binaries, named in the error when they are missing. */
    String debianPackage();

    /** The binaries it needs; a missing one stops everything before anything starts. */
    List<Path> binaries();

    /** Whether {@code dataFolder} holds an initialised server already (kept across runs). */
    boolean initialized(Path dataFolder);

    /** Creates the server's files in the empty {@code dataFolder}, with the database {@link #DATABASE}. */
    void initialize(Path dataFolder, Launcher launcher) throws IOException;

    /** The server's command line, listening on {@code port} of 127.0.0.1 only. */
    List<String> command(Path dataFolder, int port, Launcher launcher);

    /** Who runs the server; PostgreSQL refuses root. */
    default Launcher.Identity identity() {
        return Launcher.Identity.ANY;
    }

    /** Whether the server on {@code port} accepts clients now. */
    boolean ready(int port);

    /** The address clients use: a JDBC URL for databases, {@code redis://} for Redis. */
    String url(int port);

    /** The database, and the user the app connects as (no password: the server listens on 127.0.0.1 only). */
    String DATABASE = "gale";

    static Engine named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mariadb" -> MARIADB;
            case "postgresql" -> POSTGRESQL;
            case "redis" -> REDIS;
            default ->
                throw new IllegalArgumentException("engine: '" + name + "' (expected: mariadb, postgresql or redis)");
        };
    }
}
