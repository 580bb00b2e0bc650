package gale.control.admin;

import gale.control.events.Event;
import gale.control.events.EventJson;
import gale.control.events.EventLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/events/stream}: Server-Sent Events, one {@code id:} and {@code data: <json>} per event. A client
 * that reconnects with {@code Last-Event-ID} (or {@code ?after=N}) gets the kept events it missed first.
 */
final class EventStream {

    private final Set<HttpServerResponse> open = ConcurrentHashMap.newKeySet();

    void serve(RoutingContext ctx, EventLog events) {
        long after = lastEventId(ctx);
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write("retry: 1000\n\n");
        Context context = Vertx.currentContext();
        open.add(response);
        // Events are published on other threads; each frame is written on the response's own event loop, in order.
        Runnable unsubscribe = events.subscribe(after, event -> context.runOnContext(v -> write(response, event)));
        response.closeHandler(v -> {
            unsubscribe.run();
            open.remove(response);
        });
    }

    void closeAll() {
        for (HttpServerResponse response : open) {
            response.reset();
        }
    }

    private static void write(HttpServerResponse response, Event event) {
        if (!response.closed() && !response.ended()) {
            response.write("id: " + event.id() + "\ndata: " + EventJson.toJsonText(event) + "\n\n");
        }
    }

    private static long lastEventId(RoutingContext ctx) {
        String text = ctx.request().getHeader("Last-Event-ID");
        if (text == null) {
            text = ctx.request().getParam("after");
        }
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
