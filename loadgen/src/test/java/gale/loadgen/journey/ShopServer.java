package gale.loadgen.journey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small stateful server for journeys: {@code POST /login} (body: the user's name) sets a session cookie,
 * {@code GET /me} answers the cookie's user (401 without one), {@code POST /items} answers {@code {"id": N}} with
 * a Location header, {@code GET /items/N} answers 200 for an id it made. Counts requests per path.
 */
final class ShopServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    ShopServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long hits(String key) {
        AtomicLong n = hits.get(key);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        hits.computeIfAbsent(method + " " + path.replaceAll("/\\d+$", "/N"), k -> new AtomicLong())
                .incrementAndGet();
        if (method.equals("POST") && path.equals("/login")) {
            String session = "s" + ids.incrementAndGet();
            sessions.put(session, body.trim());
            x.getResponseHeaders().add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly");
            x.getResponseHeaders().add("X-Session", session);
            send(x, 200, "welcome " + body.trim());
        } else if (path.equals("/me")) {
            String cookie = x.getRequestHeaders().getFirst("Cookie");
            String user = cookie == null ? null : sessions.get(cookie.replaceFirst(".*session=([^;]+).*", "$1"));
            send(x, user == null ? 401 : 200, user == null ? "who?" : "you are " + user);
        } else if (method.equals("POST") && path.equals("/items")) {
            int id = ids.incrementAndGet();
            x.getResponseHeaders().add("Location", "/items/" + id);
            send(x, 201, "{\"item\": {\"id\": " + id + ", \"name\": \"thing " + id + "\"}}");
        } else if (path.startsWith("/items/")) {
            send(x, 200, "item " + path.substring(7));
        } else {
            send(x, 404, "no");
        }
    }

    private static void send(HttpExchange x, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
