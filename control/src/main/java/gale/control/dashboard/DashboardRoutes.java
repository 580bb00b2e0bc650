package gale.control.dashboard;

import gale.loadgen.report.ChartAssets;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard on the admin server: the page at {@code /}, its scripts and styles under {@code /assets/} (from the
 * jar: the page makes no request beyond the admin port), and its live stream at {@code /api/dashboard/stream}.
 */
public final class DashboardRoutes {

    /** Ahead of the admin API's catch-all 404 for unknown {@code /api/*} paths. */
    private static final int BEFORE_THE_API = -1;

    private static final String OWN = "/gale/control/dashboard/";
    private static final String PAGE = "dashboard.html";
    private static final String SCRIPT = "dashboard.js";

    private DashboardRoutes() {}

    public static void install(Router router, DashboardFeed feed) {
        String page = read(PAGE);
        Map<String, String> assets = new HashMap<>();
        ChartAssets.NAMES.forEach(name -> assets.put(name, ChartAssets.text(name)));
        assets.put(SCRIPT, read(SCRIPT));
        router.get("/").handler(ctx -> send(ctx, "text/html; charset=utf-8", page));
        router.get("/assets/:name").handler(ctx -> {
            String name = ctx.pathParam("name");
            String text = assets.get(name);
            if (text == null) {
                ctx.response().setStatusCode(404).end("no such asset: " + name);
            } else {
                send(ctx, name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8", text);
            }
        });
        router.get("/api/dashboard/stream")
                .order(BEFORE_THE_API)
                .handler(ctx -> feed.open(new SseClient(ctx.response(), Vertx.currentContext())));
    }

    private static void send(RoutingContext ctx, String type, String body) {
        ctx.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", "no-cache")
                .end(body);
    }

    private static String read(String name) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(OWN + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard: " + OWN + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
