package gale.balancer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on plain sockets that can misbehave on demand: answer, hang, be slow, reset mid-response,
 * close idle keep-alives without a word, send garbage. It records every request except health checks (path
 * {@value #HEALTH_PATH}, answered with {@link #healthStatus}).
 */
final class TestBackend implements AutoCloseable {
    static final String HEALTH_PATH = "/health";

    /** What the backend does with one request; may write to the socket directly. */
    @FunctionalInterface
    interface Behavior {
        void handle(Request request, Connection connection) throws IOException;
    }

    record Request(String method, String path, Map<String, String> headers, byte[] body, int connectionId) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One accepted connection, as a behavior sees it. */
    static final class Connection {
        final Socket socket;
        final OutputStream out;
        final int id;
        final int requestsOnConnection;
        final boolean head;
        boolean closed;

        Connection(Socket socket, OutputStream out, int id, int requestsOnConnection, boolean head) {
            this.socket = socket;
            this.out = out;
            this.id = id;
            this.requestsOnConnection = requestsOnConnection;
            this.head = head;
        }

        void respond(int status, String body, String... headers) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Length: " + b.length + "\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (!this.head) {
                whole.write(b);
            }
            out.write(whole.toByteArray());
            out.flush();
        }

        void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Closes with RST instead of FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
            closed = true;
        }

        void close() throws IOException {
            socket.close();
            closed = true;
        }
    }

    static Behavior answer(String body) {
        return (req, c) -> c.respond(200, body);
    }

    private final ServerSocket server;
    private final String name;
    private volatile Behavior behavior;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger healthStatus = new AtomicInteger(200);
    /** Health checks get no answer at all while set. */
    volatile boolean healthHang;

    private final AtomicInteger idleClosed = new AtomicInteger();
    /** Closes a keep-alive connection after this much idle time (0 = never), without any hint. */
    volatile Duration closeIdleAfter = Duration.ZERO;

    private TestBackend(String name, Behavior behavior) throws IOException {
        this.name = name;
        this.behavior = behavior;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("backend-" + name).start(this::acceptLoop);
    }

    /** A backend answering 200 with its name as the body. */
    static TestBackend start(String name) throws IOException {
        return new TestBackend(name, answer(name));
    }

    static TestBackend start(String name, Behavior behavior) throws IOException {
        return new TestBackend(name, behavior);
    }

    /** An address where nothing listens: connections are refused. */
    static InetSocketAddress refusingAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }

    void behave(Behavior next) {
        this.behavior = next;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    String name() {
        return name;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    int requestCount() {
        return requests.size();
    }

    int connectionCount() {
        return connections.get();
    }

    /** Connections this backend closed because they sat idle. */
    int idleClosedCount() {
        return idleClosed.get();
    }

    /** Connections open right now (health checks included while they last). */
    int openConnections() {
        return open.size();
    }

    /** Distinct connections that carried requests other than health checks. */
    long requestConnections() {
        return requests.stream().mapToInt(Request::connectionId).distinct().count();
    }

    int healthCheckCount() {
        return healthChecks.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int served = 0;
            while (true) {
                Duration idle = closeIdleAfter;
                socket.setSoTimeout(idle.isZero() ? 0 : (int) idle.toMillis());
                Request request;
                try {
                    request = read(in, id);
                } catch (SocketTimeoutException e) {
                    idleClosed.incrementAndGet();
                    return; // idle too long: close without a word
                }
                if (request == null) {
                    return;
                }
                served++;
                Connection c =
                        new Connection(socket, out, id, served, request.method().equals("HEAD"));
                if (request.path().equals(HEALTH_PATH)) {
                    healthChecks.incrementAndGet();
                    if (healthHang) {
                        in.readAllBytes();
                        return;
                    }
                    c.respond(healthStatus.get(), "ok");
                } else {
                    requests.add(request);
                    behavior.handle(request, c);
                }
                if (c.closed || "close".equalsIgnoreCase(request.header("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away; nothing to do
        } finally {
            open.remove(socket);
        }
    }

    private static Request read(InputStream in, int connectionId) throws IOException {
        String line = line(in);
        if (line == null) {
            return null;
        }
        if (line.isEmpty()) {
            line = line(in);
            if (line == null) {
                return null;
            }
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            String key = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            headers.merge(key, value, (a, b) -> a + ", " + b);
        }
        byte[] body = new byte[0];
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in);
                if (sizeLine == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    String trailer;
                    while ((trailer = line(in)) != null && !trailer.isEmpty()) {
                        // trailers are read and dropped
                    }
                    break;
                }
                bytes.write(in.readNBytes(size));
                line(in);
            }
            body = bytes.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        return new Request(parts[0], parts[1], headers, body, connectionId);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : new ArrayList<>(open)) {
            s.close();
        }
    }
}
