package gale.app;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small response helpers: every answer of the app is JSON (or plain text where the route says so). */
final class Http {

    static final String JSON = "application/json; charset=utf-8";

    private Http() {}

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode() + "\n");
    }

    /** A clear error: {@code {"error": "num: 'x' (expected: an integer)"}}. */
    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message));
    }

    /** The request's JSON object body, or null after answering 400 when it is missing or not an object. */
    static JsonObject body(RoutingContext ctx, String expected) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (RuntimeException e) {
            // Not JSON, or not an object: answered below.
        }
        error(ctx, 400, "body: '" + abbreviate(ctx.body().asString()) + "' (expected: " + expected + ")");
        return null;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
