package gale.app;

import static java.util.Objects.requireNonNull;

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
    private final CpuBurner burner;
    private final RequestLog requestLog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReferenceApp(
            AppConfig config,
            Vertx vertx,
            HttpServer server,
            Database database,
            CpuBurner burner,
            RequestLog requestLog) {
        this.config = config;
        this.vertx = vertx;
        this.server = server;
        this.database = database;
        this.burner = burner;
        this.requestLog = requestLog;
    }

    /**
     * Creates the schema (idempotent), then listens. The port accepts connections only once the database is
     * ready, so a fleet marks the task RUNNING only when it can serve.
     *
     * @throws AppStartException if the database can't be reached or the port can't be bound
     */
    public static ReferenceApp start(AppConfig config) {
        requireNonNull(config, "config");
        Clock clock = Clock.systemUTC();
        RequestLog requestLog = RequestLog.open(config.logFile(), clock);
        Database database = new Database(config.dbUrl(), "gale-app-" + config.taskId());
        Vertx vertx = null;
        try {
            database.createSchema();
            CpuBurner burner = new CpuBurner();
            AppState state =
                    new AppState(config.taskId(), ProcessHandle.current().pid(), hostName(), database, burner);
            AppMetrics metrics = new AppMetrics(config.taskId(), burner);
            vertx = Vertx.vertx();
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(config.host())
                    .setPort(config.port())
                    .setIdleTimeout(Routes.IDLE_TIMEOUT_SECONDS + 5)
                    .setIdleTimeoutUnit(TimeUnit.SECONDS);
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(Routes.build(vertx, state, metrics, requestLog, clock))
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            requestLog.line("task " + config.taskId() + " listening on " + config.host() + ":" + server.actualPort()
                    + " (pid " + state.pid() + ")");
            return new ReferenceApp(config, vertx, server, database, burner, requestLog);
        } catch (SQLException e) {
            cleanUp(vertx, database, requestLog);
            throw new AppStartException("database: cannot create the schema (" + e.getMessage() + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            cleanUp(vertx, database, requestLog);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new AppStartException(
                    "port: cannot listen on " + config.host() + ":" + config.port() + " (" + cause + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanUp(vertx, database, requestLog);
            throw new AppStartException("interrupted while starting", e);
        } catch (RuntimeException e) {
            cleanUp(vertx, database, requestLog);
            throw e;
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
        cleanUp(vertx, database, requestLog);
    }

    private static void cleanUp(Vertx vertx, Database database, RequestLog requestLog) {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Vert.x did not close cleanly: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        database.close();
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
