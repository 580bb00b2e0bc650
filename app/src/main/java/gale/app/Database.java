package gale.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state every task shares: the seed value and the short URLs, over JDBC (H2 by default; any database whose
 * driver is on the class path). Blocking: call it off the event loop.
 */
final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int SCHEMA_ATTEMPTS = 5;

    private final HikariDataSource pool;

    Database(String jdbcUrl, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName(poolName);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(1_000);
        // H2's in-memory and TCP URLs need no credentials; others carry them in the URL.
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
            config.setPassword("");
        }
        this.pool = new HikariDataSource(config);
    }

    /**
     * Creates the tables if they are missing. Several tasks may start at once against one database: a
     * statement that loses a race to another task's is simply tried again.
     */
    void createSchema() throws SQLException {
        SQLException last = null;
        for (int attempt = 1; attempt <= SCHEMA_ATTEMPTS; attempt++) {
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS gale_seed (id INT PRIMARY KEY, num BIGINT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS gale_urls (code VARCHAR(16) PRIMARY KEY,"
                        + " url VARCHAR(2048) NOT NULL, created_at TIMESTAMP NOT NULL)");
                insertSeedRow(connection);
                return;
            } catch (SQLException e) {
                last = e;
                log.debug("Schema attempt {} failed: {}", attempt, e.toString());
            }
        }
        throw last;
    }

    private static void insertSeedRow(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gale_seed (id, num) VALUES (1, 0)")) {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    long seed() throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT num FROM gale_seed WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    void setSeed(long num) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE gale_seed SET num = ? WHERE id = 1")) {
            update.setLong(1, num);
            if (update.executeUpdate() == 0) {
                insertSeedRow(connection);
                update.executeUpdate();
            }
        }
    }

    /** Stores a short URL; false if the code is taken. */
    boolean insertUrl(String code, String url, Instant at) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO gale_urls (code, url, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, code);
            insert.setString(2, url);
            insert.setTimestamp(3, java.sql.Timestamp.from(at));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    Optional<String> url(String code) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT url FROM gale_urls WHERE code = ?")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the database answers within a second. */
    boolean healthy() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** SQLSTATE class 23: integrity constraint violation (a duplicate key, on every database we meet). */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    @Override
    public void close() {
        pool.close();
    }
}
