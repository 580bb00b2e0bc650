package gale.control.monitoring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers webhook POSTs as Discord does: 204, or, when asked to, one 429 with
 * Discord's JSON body ({@code retry_after} in fractional seconds) and a {@code Retry-After} header. Records every call.
 */
final class DiscordSink implements AutoCloseable {

    record Received(String path, String body, long atNanos, int answered) {}

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger rateLimitsLeft = new AtomicInteger();
    private final double retryAfterSeconds;

    DiscordSink(double retryAfterSeconds) throws IOException {
        this.retryAfterSeconds = retryAfterSeconds;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean limited = rateLimitsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            int status = limited ? 429 : 204;
            synchronized (this) {
                received.add(new Received(exchange.getRequestURI().getPath(), body, System.nanoTime(), status));
            }
            if (limited) {
                byte[] bytes = ("{\"message\": \"You are being rate limited.\", \"retry_after\": " + retryAfterSeconds
                                + ", \"global\": false}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Retry-After", String.valueOf((long) Math.ceil(retryAfterSeconds)));
                exchange.sendResponseHeaders(429, bytes.length);
                exchange.getResponseBody().write(bytes);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    /** The next call (and only it) is answered 429. */
    DiscordSink rateLimitNext() {
        rateLimitsLeft.incrementAndGet();
        return this;
    }

    String webhookUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/1/token")
                .toString();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
