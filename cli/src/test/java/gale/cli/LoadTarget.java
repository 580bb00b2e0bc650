package gale.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real server on 127.0.0.1 for {@code gale load} to load: counts what it receives, answers 200 after
 * {@code delayMillis} (bounding the rate of a test's VUs), and 404 on {@code /missing}.
 */
final class LoadTarget implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();

    LoadTarget(long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean missing = exchange.getRequestURI().getPath().equals("/missing");
            byte[] body = (missing ? "no" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
