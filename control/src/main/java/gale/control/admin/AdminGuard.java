package gale.control.admin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * What every admin request passes before any route sees it: the rate per client (429), the body size (413) and,
 * when the server listens beyond loopback, the stack's token even for reads (401). No route adds CORS headers, so a
 * page from another origin can neither read answers nor send the token header a change needs.
 */
final class AdminGuard {

    private final AdminLimits limits;
    private final boolean tokenForReads;
    private final Supplier<byte[]> token;
    private final ClientRateLimit rate;

    AdminGuard(AdminLimits limits, boolean tokenForReads, Supplier<byte[]> token) {
        this.limits = limits;
        this.tokenForReads = tokenForReads;
        this.token = token;
        this.rate = new ClientRateLimit(limits.requestsPerSecond(), limits.burst());
    }

    /** Whether {@code host} reaches beyond this machine, so reads need the token too. */
    static boolean beyondLoopback(String host) {
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** Installs the guard ahead of every route, the ones other parts add later included. */
    void install(Router router) {
        router.route().order(-1).handler(this::guard);
    }

    /** The bearer header compared in constant time: the token is the only thing between a local user and a stop. */
    boolean authorized(RoutingContext ctx) {
        byte[] expected = token.get();
        String given = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        return expected != null
                && given != null
                && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    private void guard(RoutingContext ctx) {
        long wait = rate.take(ctx.request().remoteAddress().hostAddress(), System.nanoTime());
        if (wait > 0) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            AdminApi.error(
                    ctx,
                    429,
                    "too many requests from this address (limit: " + limits.requestsPerSecond() + "/s, burst "
                            + limits.burst() + ")",
                    null);
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            AdminApi.error(ctx, 413, "the body is over " + limits.maxBodyBytes() + " bytes", null);
            return;
        }
        if (tokenForReads && !authorized(ctx)) {
            refuse(
                    ctx,
                    "this server listens beyond 127.0.0.1: every request needs the stack's token"
                            + " (Authorization: Bearer <token>)");
            return;
        }
        ctx.next();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > limits.maxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static void refuse(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        AdminApi.error(ctx, 401, message, null);
    }
}
