package gale.monitor.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server on 127.0.0.1 that answers webhook POSTs as Discord or Slack do: scripted responses first
 * (e.g. one 429 with {@code retry_after}), then 204. Records every request it receives.
 */
final class WebhookSink implements AutoCloseable {
    record Received(String path, String body, String contentType, long atNanos, int answered) {}

    record Reply(int status, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply reply;
            synchronized (this) {
                reply = script.isEmpty() ? new Reply(204, "", Map.of()) : script.removeFirst();
                received.add(new Received(
                        exchange.getRequestURI().getPath(),
                        body,
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        System.nanoTime(),
                        reply.status()));
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            if (!reply.body().isEmpty()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** Discord's rate-limit answer: 429, JSON {@code retry_after} in (fractional) seconds, a whole-second header. */
    synchronized WebhookSink rateLimitOnce(double retryAfterSeconds) {
        script.add(new Reply(
                429,
                "{\"message\": \"You are being rate limited.\", \"retry_after\": " + retryAfterSeconds
                        + ", \"global\": false}",
                Map.of("Retry-After", String.valueOf((long) Math.ceil(retryAfterSeconds)))));
        return this;
    }

    /** Slack's rate-limit answer: 429, plain text, whole seconds in {@code Retry-After}. */
    synchronized WebhookSink rateLimitByHeader(int seconds) {
        script.add(new Reply(429, "rate_limited", Map.of("Retry-After", String.valueOf(seconds))));
        return this;
    }

    synchronized WebhookSink answer(int status, String body) {
        script.add(new Reply(status, body, Map.of()));
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests answered 2xx, in order. */
    synchronized List<Received> accepted() {
        return received.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
