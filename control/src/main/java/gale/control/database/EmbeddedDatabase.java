package gale.control.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.tools.Server;

/**
 * The stack's shared database: an H2 server on an ephemeral TCP port of 127.0.0.1, its files under the stack's state
 * directory, so every task sees the same seed value and short URLs (seed 003 kept them per instance: a bug).
 *
 * <p>As an {@link OutageTarget}: {@link #stop()} stops the TCP server (connections refused, open ones closed) and
 * {@link #start()} listens again on the same port; {@link #pause()} switches the database to H2's exclusive mode
 * ({@code SET EXCLUSIVE 1}), in which every other connection's statements wait and new connections are refused, until
 * {@link #resume()}. The server runs in Gale's JVM, so no outage outlives Gale.
 */
public final class EmbeddedDatabase implements AutoCloseable, OutageTarget {

    private static final String NAME = "gale";

    private final Path directory;
    private final int port;
    private Server server;
    private Connection exclusive;

    private EmbeddedDatabase(Path directory, Server server) {
        this.directory = directory;
        this.server = server;
        this.port = server.getPort();
    }

    public static EmbeddedDatabase start(Path directory) {
        return new EmbeddedDatabase(directory, listen(directory, 0));
    }

    private static Server listen(Path directory, int port) {
        try {
            // -ifNotExists lets the first task create the database; the server only listens on loopback.
            return Server.createTcpServer(
                            "-tcpPort",
                            Integer.toString(port),
                            "-ifNotExists",
                            "-baseDir",
                            directory.toAbsolutePath().toString())
                    .start();
        } catch (SQLException e) {
            throw new IllegalStateException("database: cannot start the embedded H2 server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL tasks get as {@code GALE_DB_URL}. */
    public String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + NAME;
    }

    @Override
    public String describe() {
        return "embedded H2 on 127.0.0.1:" + port;
    }

    @Override
    public synchronized void stop() {
        resume();
        server.stop();
    }

    @Override
    public synchronized void start() {
        if (!server.isRunning(false)) {
            server = listen(directory, port);
        }
    }

    @Override
    public synchronized void pause() {
        if (exclusive != null) {
            return;
        }
        try {
            // The tasks' own credentials (the reference app's): the first one to connect creates the database.
            Connection connection = DriverManager.getConnection(jdbcUrl(), "sa", "");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET EXCLUSIVE 1");
            }
            exclusive = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("database: cannot pause " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void resume() {
        if (exclusive == null) {
            return;
        }
        try (Connection connection = exclusive;
                Statement statement = connection.createStatement()) {
            statement.execute("SET EXCLUSIVE 0");
        } catch (SQLException e) {
            // Closing the exclusive connection ends exclusive mode too.
        } finally {
            exclusive = null;
        }
    }

    @Override
    public synchronized void close() {
        resume();
        server.stop();
    }
}
