package gale.control.admin;

import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The dashboard at {@code /}: one static page that polls {@code /api/status} and {@code /api/events}. */
final class Dashboard {

    private static final String PAGE = "/gale/control/admin/dashboard.html";

    private Dashboard() {}

    static void install(Router router) {
        String html = load();
        router.get("/")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Cache-Control", "no-cache")
                        .end(html));
    }

    private static String load() {
        try (InputStream in = Dashboard.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("dashboard: " + PAGE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
