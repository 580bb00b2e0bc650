package gale.app.data;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.DriverDataSource;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The state every task shares, over JDBC through HikariCP: the seed value, the short URLs and the catalogue. Each
 * call waits at most {@code wait} for a connection (what is left of the request's pool timeout), then fails; with
 * autocommit, a call that returns has committed. Blocking: call it off the event loop.
 */
public final class Database implements AutoCloseable {

    private final DataConfig config;
    private final ReconnectingDataSource connections;
    private final HikariDataSource pool;
    private final Counter queries;

    private Database(DataConfig config, ReconnectingDataSource connections, HikariDataSource pool, Counter queries) {
        this.config = config;
        this.connections = connections;
        this.pool = pool;
        this.queries = queries;
    }

    /**
     * Opens the pool and applies the migrations.
     *
     * @throws SQLException when the database can't be reached or migrated (the app does not start)
     */
    public static Database open(DataConfig config, String poolName, PrometheusRegistry registry) throws SQLException {
        requireNonNull(config, "config");
        String user = config.user().orElse(config.h2() ? "sa" : null);
        String password = config.password().orElse(config.h2() ? "" : null);
        ReconnectingDataSource connections = new ReconnectingDataSource(
                new DriverDataSource(config.url(), null, new Properties(), user, password), config.queryTimeout());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(connections);
        hikari.setPoolName(poolName);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(1_000, config.connectionTimeout().toMillis()));
        hikari.setMetricsTrackerFactory(new PoolMetrics(registry));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
        try {
            Migrations.apply(pool, config.catalogueIndex());
        } catch (RuntimeException e) {
            pool.close();
            throw new SQLException("migrations failed: " + e.getMessage(), e);
        }
        connections.started();
        Counter queries = Counter.builder()
                .name("gale_app_db_queries_total")
                .help("Statements sent to the database, by query")
                .labelNames("query")
                .withoutExemplars()
                .register(registry);
        return new Database(config, connections, pool, queries);
    }

    public DataConfig config() {
        return config;
    }

    public long seed(Duration wait) throws SQLException {
        try (Connection connection = connection(wait, "seed_select");
                PreparedStatement select = connection.prepareStatement("SELECT num FROM gale_seed WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    public void setSeed(Duration wait, long num) throws SQLException {
        try (Connection connection = connection(wait, "seed_update");
                PreparedStatement update = connection.prepareStatement("UPDATE gale_seed SET num = ? WHERE id = 1")) {
            update.setLong(1, num);
            update.executeUpdate();
        }
    }

    /** Stores a short URL, committed when this returns true; false if the code is taken. */
    public boolean insertUrl(Duration wait, String code, String url, Instant at) throws SQLException {
        try (Connection connection = connection(wait, "url_insert");
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO gale_urls (code, url, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, code);
            insert.setString(2, url);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<String> url(Duration wait, String code) throws SQLException {
        try (Connection connection = connection(wait, "url_select");
                PreparedStatement select = connection.prepareStatement("SELECT url FROM gale_urls WHERE code = ?")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Seed 004's slow query: without the sku index, every call reads the whole catalogue. */
    public Optional<Product> product(Duration wait, String sku) throws SQLException {
        try (Connection connection = connection(wait, "catalogue_select");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, sku, name, category, price_cents FROM gale_catalogue WHERE sku = ?")) {
            select.setString(1, sku);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Product(
                                row.getInt(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5)))
                        : Optional.empty();
            }
        }
    }

    /** Whether the database answers within {@code timeout}: the readiness check. */
    public boolean answers(Duration timeout) {
        try (Connection connection = connection(timeout, "ping")) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Whether a failure means the database is out of reach (no connection within the pool timeout, a connection
     * lost, a network timeout) rather than a bad statement: the first is a 503, the second a 500.
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("90067"))) {
                return true; // 08: connection exception; 90067: H2's "connection is broken".
            }
        }
        return false;
    }

    private Connection connection(Duration wait, String query) throws SQLException {
        long millis = wait.toMillis();
        if (millis <= 0) {
            throw new SQLTransientConnectionException(
                    pool.getPoolName() + " - request waited its whole pool timeout before reaching the database");
        }
        Connection connection = ((HikariPool) pool.getHikariPoolMXBean()).getConnection(millis);
        queries.labelValues(query).inc();
        return connection;
    }

    /** SQLSTATE class 23: integrity constraint violation (a duplicate key, on every database we meet). */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    @Override
    public void close() {
        connections.close();
        pool.close();
    }
}
