package gale.control.dashboard;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open {@code text/event-stream} response. Frames may be sent from any thread: each is written on the response's
 * own event loop, in order. A snapshot is dropped for a client that does not keep up, rather than queued.
 */
final class SseClient {

    private final HttpServerResponse response;
    private final Context context;

    SseClient(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .write("retry: 1000\n\n");
    }

    void send(String event, String json) {
        String frame = "event: " + event + "\ndata: " + json + "\n\n";
        context.runOnContext(v -> {
            if (response.closed() || response.ended()) {
                return;
            }
            if (event.equals("snapshot") && response.writeQueueFull()) {
                return;
            }
            response.write(frame);
        });
    }

    void onClose(Runnable action) {
        context.runOnContext(v -> {
            if (response.closed()) {
                action.run();
            } else {
                response.closeHandler(ignored -> action.run());
            }
        });
    }

    void close() {
        context.runOnContext(v -> response.reset());
    }
}
