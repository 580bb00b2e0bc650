package gale.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gale.loadgen.LoadResult;
import gale.loadgen.metrics.SecondRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code gale load --dashboard}: the report page served live while the test runs, as k6's web dashboard is. {@code /}
 * is the report page holding the seconds so far; {@code /events?after=N} streams (server-sent events) each later
 * second as {@code second}, then the finished test as {@code done}, after which the page is the full report.
 */
public final class LiveDashboard implements AutoCloseable {

    /** k6's web dashboard port. */
    public static final int DEFAULT_PORT = 5665;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Guarded by this: every second so far (as JSON), the open streams, and the final report once there. */
    private final List<String> seconds = new ArrayList<>();

    private final List<OutputStream> streams = new ArrayList<>();
    private String done;

    private LiveDashboard(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.start();
    }

    /** Listens on {@code host:port} (0 = ephemeral). */
    public static LiveDashboard start(String host, int port) {
        try {
            return new LiveDashboard(HttpServer.create(new InetSocketAddress(host, port), 16));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "dashboard: cannot listen on " + host + ":" + port + " (" + e.getMessage()
                            + "): choose another port with --dashboard=PORT",
                    e);
        }
    }

    public URI url() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
    }

    /** A second of the test ended. */
    public void second(SecondRow row) {
        String json = ReportJson.row(row).toString();
        synchronized (this) {
            seconds.add(json);
            broadcast("second", json);
        }
    }

    /** The test ended: every page becomes its full report. */
    public void finished(LoadResult result) {
        String json = ReportJson.of(result).toString();
        synchronized (this) {
            done = json;
            broadcast("done", json);
        }
    }

    private void broadcast(String event, String json) {
        byte[] frame = frame(event, json);
        streams.removeIf(out -> !send(out, frame));
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            reply(exchange, 404, "text/plain", "no such page".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode data;
        synchronized (this) {
            data = done != null ? (ObjectNode) JSON.readTree(done) : partial();
        }
        reply(
                exchange,
                200,
                "text/html; charset=utf-8",
                HtmlReport.page(data, done == null).getBytes(StandardCharsets.UTF_8));
    }

    /** The seconds so far, with no stage, threshold or percentile yet: they come with {@code done}. */
    private ObjectNode partial() throws IOException {
        ObjectNode data = JSON.createObjectNode();
        data.put("start", 0);
        var rows = data.putArray("rows");
        for (String s : seconds) {
            rows.add(JSON.readTree(s));
        }
        data.putArray("stages");
        data.putArray("curves");
        data.putArray("percentiles");
        data.putArray("events");
        data.putArray("thresholds");
        return data;
    }

    private void events(HttpExchange exchange) throws IOException {
        int after = after(exchange.getRequestURI().getQuery());
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        synchronized (this) {
            boolean open = send(out, "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            for (int i = after; open && i < seconds.size(); i++) {
                open = send(out, frame("second", seconds.get(i)));
            }
            if (open && done != null) {
                send(out, frame("done", done));
            } else if (open) {
                streams.add(out);
            }
        }
    }

    private static int after(String query) {
        if (query != null && query.startsWith("after=")) {
            try {
                return Math.max(0, Integer.parseInt(query.substring("after=".length())));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static byte[] frame(String event, String json) {
        return ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean send(OutputStream out, byte[] frame) {
        try {
            out.write(frame);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            for (OutputStream out : streams) {
                try {
                    out.close();
                } catch (IOException e) {
                    // the page is gone already
                }
            }
            streams.clear();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
