package gale.control.database;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * The stack's shared database: an H2 server on an ephemeral TCP port of 127.0.0.1, its files under the stack's state
 * directory, so every task sees the same seed value and short URLs (seed 003 kept them per instance: a bug).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String NAME = "gale";

    private final Server server;

    private EmbeddedDatabase(Server server) {
        this.server = server;
    }

    public static EmbeddedDatabase start(Path directory) {
        try {
            // -ifNotExists lets the first task create the database; the server only listens on loopback.
            Server server = Server.createTcpServer(
                            "-tcpPort",
                            "0",
                            "-ifNotExists",
                            "-baseDir",
                            directory.toAbsolutePath().toString())
                    .start();
            return new EmbeddedDatabase(server);
        } catch (SQLException e) {
            throw new IllegalStateException("database: cannot start the embedded H2 server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The JDBC URL tasks get as {@code GALE_DB_URL}. */
    public String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port() + "/" + NAME;
    }

    @Override
    public void close() {
        server.stop();
    }
}
