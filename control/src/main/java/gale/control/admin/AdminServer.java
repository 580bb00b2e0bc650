package gale.control.admin;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control plane's HTTP server on 127.0.0.1:8081: the API under {@code /api}, and room for the dashboard at
 * {@code /} and {@code /metrics}, which the stack adds through {@link #router}. It binds before the rest of the stack starts (so a stack on admin port 0 knows its port and its
 * state directory early) and answers 503 until {@link #open} hands it the running stack.
 */
public final class AdminServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final AdminApi api;

    private AdminServer(Vertx vertx, HttpServer server, AdminApi api) {
        this.vertx = vertx;
        this.server = server;
        this.api = api;
    }

    /** Binds {@code host:port} (0 = ephemeral); {@link #router} lets other parts add routes such as {@code /metrics}. */
    public static AdminServer bind(String host, int port) {
        return bind(host, port, AdminLimits.DEFAULTS);
    }

    /** As {@link #bind(String, int)} with other limits; beyond loopback, reads need the token too. */
    public static AdminServer bind(String host, int port, AdminLimits limits) {
        // No .vertx cache directory in the user's working directory: the dashboard is served from memory.
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setFileSystemOptions(
                        new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            Router router = Router.router(vertx);
            AdminApi api = new AdminApi(limits, AdminGuard.beyondLoopback(host));
            api.install(router);
            HttpServer server;
            try {
                server = await(vertx.createHttpServer().requestHandler(router).listen(port, host));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(
                        "admin API: cannot listen on " + host + ":" + port + " ("
                                + e.getCause().getMessage()
                                + "): is another stack running there? Stop it with gale down,"
                                + " or choose another --admin-port",
                        e);
            }
            return new AdminServer(vertx, server, api);
        } catch (RuntimeException e) {
            await(vertx.close());
            throw e;
        }
    }

    /** Starts serving {@code stack}; mutations need {@code token}. */
    public void open(StackControl stack, String token) {
        api.open(stack, token);
    }

    /** Lets another part add routes (the monitoring part's {@code /metrics}) before {@link #open}. */
    public Router router() {
        return api.router();
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        api.closeStreams();
        await(vertx.close());
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("admin API: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("admin API: interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("admin API: no answer from Vert.x within 10 s", e);
        }
    }
}
