package gale.loadgen.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code gale load}'s own small API, k6's REST API on its port: {@code GET /v1/status} and {@code PATCH /v1/status}
 * (VUs, pause, stop). It changes a running test and has no token, so it is bounded: it listens on loopback only,
 * answers only that path, reads at most {@link #MAX_BODY_BYTES} of a body, and refuses a {@code Host} that is not a
 * loopback name (a page from elsewhere cannot reach it by rebinding a DNS name). It never sends CORS headers, so a
 * browser page can neither read a status nor send the PATCH, which needs a pre-flight.
 */
public final class StatusApi implements AutoCloseable {

    /** k6's REST API port. */
    public static final int DEFAULT_PORT = 6565;

    public static final String PATH = "/v1/status";

    /** A status patch is a few dozen bytes; k6's whole envelope under 200. */
    public static final int MAX_BODY_BYTES = 4096;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile RunControl run;

    private StatusApi(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code HOST:PORT} (port 0: any free one); a host beyond loopback is refused. */
    public static InetSocketAddress address(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        String expected = " (expected: HOST:PORT on this machine, e.g. 127.0.0.1:" + DEFAULT_PORT + ")";
        if (colon <= 0) {
            throw new IllegalArgumentException("--address: '" + text + "'" + expected);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--address: '" + text + "'" + expected);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--address: port " + port + " (expected: 0-65535)");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--address: host '" + host + "' cannot be resolved" + expected);
        }
        if (!ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("--address: " + host + " is beyond loopback (expected: 127.0.0.1,"
                    + " ::1 or localhost: the API can stop the test and asks for no token)");
        }
        return new InetSocketAddress(ip, port);
    }

    /** Listens on {@code address}; a port in use throws {@link UncheckedIOException} saying so. */
    public static StatusApi start(InetSocketAddress address) {
        try {
            return new StatusApi(HttpServer.create(address, 16));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "API: cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + e.getMessage()
                            + "): choose another with --address HOST:PORT",
                    e);
        }
    }

    /** The test the API answers for; before this, every request gets 503. */
    public void attach(RunControl control) {
        this.run = control;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code HOST:PORT} as {@code gale load control --address} takes it. */
    public String hostAndPort() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                reply(exchange, 200, answer(exchange).toJson());
            } catch (ApiException e) {
                if (e.status() == 405) {
                    exchange.getResponseHeaders().add("Allow", "GET, PATCH");
                }
                reply(exchange, e.status(), error(e.status(), e.getMessage()));
            } catch (RuntimeException e) {
                reply(exchange, 500, error(500, String.valueOf(e.getMessage())));
            }
        }
    }

    private RunStatus answer(HttpExchange exchange) throws IOException {
        if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
            throw new ApiException(
                    403,
                    "Host: " + exchange.getRequestHeaders().getFirst("Host")
                            + " (expected: a loopback address or localhost)");
        }
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            throw new ApiException(
                    404, exchange.getRequestURI().getPath() + ": no such resource (expected: " + PATH + ")");
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("PATCH")) {
            throw new ApiException(405, method + " " + PATH + " (expected: GET or PATCH)");
        }
        RunControl control = run;
        if (control == null) {
            throw new ApiException(503, "the test has not started yet");
        }
        if (method.equals("GET")) {
            return control.status();
        }
        return control.apply(StatusPatch.parse(body(exchange)));
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && tooLong(length)) {
            throw new ApiException(413, "the body is over " + MAX_BODY_BYTES + " bytes");
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "the body is over " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(1, end);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }

    /** k6's error envelope. */
    static String error(int status, String message) {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        var e = root.putArray("errors").addObject();
        e.put("status", String.valueOf(status));
        e.put("title", message);
        return root.toString();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
