package gale.app;

import static java.util.Objects.requireNonNull;

import gale.app.cache.ReadThroughCache;
import gale.app.capacity.ConnectionLimit;
import gale.app.data.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference service the seeds deploy: hello, seed value, whoami, CPU stress, URL shortener, health and
 * metrics, over Vert.x, with its state in a shared database. {@link #start} returns once it listens.
 */
public final class ReferenceApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReferenceApp.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final AppConfig config;
    private final Vertx vertx;
    private final HttpServer server;
    private final Database database;
    private final ReadThroughCache cache;
    private final CpuBurner burner;
    private final RequestLog requestLog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReferenceApp(
            AppConfig config,
            Vertx vertx,
            HttpServer server,
            Database database,
            ReadThroughCache cache,
            CpuBurner burner,
            RequestLog requestLog) {
        this.config = config;
        this.vertx = vertx;
        this.server = server;
        this.database = database;
        this.cache = cache;
        this.burner = burner;
        this.requestLog = requestLog;
    }

    /**
     * Applies the database's migrations (once, whichever task comes first), connects the cache, then listens. The
     * port accepts connections only once the database is ready, so a fleet marks the task RUNNING only when it can
     * serve.
     *
     * @throws AppStartException if the database or the cache can't be reached, or the port can't be bound
     */
    public static ReferenceApp start(AppConfig config) {
        requireNonNull(config, "config");
        Clock clock = Clock.systemUTC();
        RequestLog requestLog = RequestLog.open(config.logFile(), clock);
        CpuBurner burner = new CpuBurner();
        AppMetrics metrics = new AppMetrics(config.taskId(), burner);
        Database database = null;
        ReadThroughCache cache = null;
        Vertx vertx = null;
        try {
            database = Database.open(config.database(), "gale-app-" + config.taskId(), metrics.registry());
            cache = openCache(config, metrics);
            if (config.fault().kind() == AppFault.Kind.SLOW_START) {
                // The fault itself: a version that takes this long before it accepts a connection.
                requestLog.line(
                        "task " + config.taskId() + ": " + config.fault().describe() + ", waiting");
                Thread.sleep(config.fault().startDelay().toMillis());
            }
            AppState state = new AppState(
                    config.taskId(),
                    config.revision(),
                    ProcessHandle.current().pid(),
                    hostName(),
                    database,
                    cache,
                    burner,
                    config.fault());
            vertx = Vertx.vertx();
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(config.host())
                    .setPort(config.port())
                    .setIdleTimeout(Routes.IDLE_TIMEOUT_SECONDS + 5)
                    .setIdleTimeoutUnit(TimeUnit.SECONDS);
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(Routes.build(vertx, state, metrics, requestLog, clock, config.capacity()));
            if (config.capacity().maxConnections() > 0) {
                server.connectionHandler(new ConnectionLimit(config.capacity().maxConnections(), metrics.registry()));
            }
            server = server.listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            requestLog.line("task " + config.taskId() + " listening on " + config.host() + ":" + server.actualPort()
                    + " (pid " + state.pid() + ")");
            return new ReferenceApp(config, vertx, server, database, cache, burner, requestLog);
        } catch (SQLException e) {
            cleanUp(vertx, database, cache, requestLog);
            throw new AppStartException(
                    "database: cannot open or migrate " + config.database().url() + " (" + e.getMessage() + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            cleanUp(vertx, database, cache, requestLog);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new AppStartException(
                    "port: cannot listen on " + config.host() + ":" + config.port() + " (" + cause + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanUp(vertx, database, cache, requestLog);
            throw new AppStartException("interrupted while starting", e);
        } catch (RuntimeException e) {
            cleanUp(vertx, database, cache, requestLog);
            throw e;
        }
    }

    private static ReadThroughCache openCache(AppConfig config, AppMetrics metrics) {
        try {
            return ReadThroughCache.open(config.cache(), metrics.registry());
        } catch (RuntimeException e) {
            throw new AppStartException(
                    "cache: cannot reach "
                            + config.cache()
                                    .url()
                                    .orElse(config.cache().engine().label()) + " (" + e.getMessage() + ")",
                    e);
        }
    }

    /** The port it listens on (the one chosen when the config said 0). */
    public int port() {
        return server.actualPort();
    }

    public AppConfig config() {
        return config;
    }

    /**
     * Stops gracefully: stops accepting connections, lets requests in flight finish (bounded by the config's
     * shutdown timeout), stops CPU burns, closes the database pool. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        requestLog.line("task " + config.taskId() + " stopping: finishing requests in flight");
        long timeoutMillis = config.shutdownTimeout().toMillis();
        try {
            server.shutdown(config.shutdownTimeout())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(timeoutMillis + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Task {}: graceful shutdown incomplete ({})", config.taskId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        burner.close();
        requestLog.line("task " + config.taskId() + " stopped");
        cleanUp(vertx, database, cache, requestLog);
    }

    private static void cleanUp(Vertx vertx, Database database, ReadThroughCache cache, RequestLog requestLog) {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Vert.x did not close cleanly: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cache != null) {
            cache.close();
        }
        if (database != null) {
            database.close();
        }
        requestLog.close();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
