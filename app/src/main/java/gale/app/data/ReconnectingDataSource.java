package gale.app.data;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The connections HikariCP pools. Two things HikariCP does not do by itself:
 *
 * <ul>
 *   <li>every connection gets the query timeout as its network timeout, so a statement on a hung server fails
 *       instead of holding its thread forever;
 *   <li>once the pool has started, a failed connect is tried again every {@link #RETRY_INTERVAL} for up to
 *       {@link #RETRY_WINDOW}, here, instead of failing back to HikariCP, whose own retries back off to 5 s: so
 *       the app serves again within a fraction of a second of the database's return, not up to 5 s later.
 * </ul>
 */
final class ReconnectingDataSource implements DataSource {

    static final Duration RETRY_INTERVAL = Duration.ofMillis(100);
    static final Duration RETRY_WINDOW = Duration.ofSeconds(30);
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReconnectingDataSource.class);

    private final DataSource delegate;
    private final int networkTimeoutMillis;
    private final Executor timeoutExecutor = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("gale-app-db-timeout").factory());
    private volatile boolean started;
    private volatile boolean closed;

    ReconnectingDataSource(DataSource delegate, Duration networkTimeout) {
        this.delegate = delegate;
        this.networkTimeoutMillis = Math.toIntExact(networkTimeout.toMillis());
    }

    /** From now on a failed connect is retried (the pool is up); before, the start fails fast. */
    void started() {
        started = true;
    }

    /** Stops retrying, so that closing the pool does not wait on a retry. */
    void close() {
        closed = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + RETRY_WINDOW.toNanos();
        boolean logged = false;
        while (true) {
            try {
                return withNetworkTimeout(delegate.getConnection());
            } catch (SQLException e) {
                if (!started || closed || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!logged) {
                    log.warn(
                            "Database unreachable ({}): trying again every {} ms",
                            e.getMessage(),
                            RETRY_INTERVAL.toMillis());
                    logged = true;
                }
                try {
                    Thread.sleep(RETRY_INTERVAL);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Connection withNetworkTimeout(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(timeoutExecutor, networkTimeoutMillis);
        } catch (SQLFeatureNotSupportedException e) {
            // H2's embedded and TCP connections: statements there are bounded by the server, which runs in Gale.
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials are set once, on the pool");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
