package gale.app;

import gale.app.cache.ReadThroughCache;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Seed 001's URL shortener: {@code POST /urls {"url": U}} → 201 with a code, {@code GET /u/{code}} → 302 to the
 * URL. Codes live in the shared database, so any task resolves any code; a 201 is sent once the row is committed.
 * Lookups read through the cache (a code never changes, so no copy is ever stale; unknown codes are not cached).
 */
final class UrlRoutes {

    static final int MAX_URL_LENGTH = 2048;
    static final int CODE_LENGTH = 7;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final int ATTEMPTS = 5;

    private final AppState state;
    private final Clock clock;
    private final RandomGenerator random = new SecureRandom();

    UrlRoutes(AppState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void install(Routes routes) {
        routes.add(HttpMethod.POST, "/urls", ctx -> {
            JsonObject body = Http.body(ctx, "{\"url\": U} with U an http or https URL");
            if (body == null) {
                return;
            }
            Object value = body.getValue("url");
            Optional<String> problem = validate(value);
            if (problem.isPresent()) {
                Http.error(ctx, 400, problem.get());
                return;
            }
            String url = (String) value;
            routes.database(ctx, wait -> store(wait, url), code -> {
                String shortUrl = origin(ctx) + "/u/" + code;
                ctx.response().putHeader("Location", "/u/" + code);
                Http.json(
                        ctx,
                        201,
                        new JsonObject()
                                .put("code", code)
                                .put("shortUrl", shortUrl)
                                .put("url", url));
            });
        });
        routes.add(HttpMethod.GET, "/u/:code", ctx -> {
            String code = ctx.pathParam("code");
            if (!CODE.matcher(code).matches()) {
                notFound(ctx, code);
                return;
            }
            routes.database(
                    ctx,
                    wait -> state.cache()
                            .read(
                                    "url",
                                    ReadThroughCache.urlKey(code),
                                    () -> state.database().url(wait, code)),
                    url -> {
                        if (url.isPresent()) {
                            ctx.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", url.get())
                                    .end();
                        } else {
                            notFound(ctx, code);
                        }
                    });
        });
    }

    static Optional<String> validate(Object value) {
        if (!(value instanceof String url) || url.isBlank()) {
            return Optional.of("url: " + (value == null ? "missing" : "'" + value + "'")
                    + " (expected: an absolute http or https URL)");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("url: " + url.length() + " characters (expected: at most " + MAX_URL_LENGTH + ")");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                return Optional.of("url: '" + Http.abbreviate(url) + "' (expected: an absolute http or https URL)");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("url: '" + Http.abbreviate(url) + "' (expected: a valid URL; " + e.getReason() + ")");
        }
    }

    private String store(Duration wait, String url) throws java.sql.SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String code = newCode();
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (state.database().insertUrl(left, code, url, clock.instant())) {
                return code;
            }
        }
        throw new java.sql.SQLException("no free code after " + ATTEMPTS + " attempts");
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The address the client used: through a balancer, its Host and X-Forwarded-Proto. */
    private static String origin(RoutingContext ctx) {
        String proto = Optional.ofNullable(ctx.request().getHeader("X-Forwarded-Proto"))
                .orElse("http");
        String host = ctx.request().authority() != null
                ? ctx.request().authority().toString()
                : "127.0.0.1:" + ctx.request().localAddress().port();
        return proto + "://" + host;
    }

    private static void notFound(RoutingContext ctx, String code) {
        Http.error(ctx, 404, "code: '" + Http.abbreviate(code) + "' (expected: a code made by POST /urls)");
    }
}
