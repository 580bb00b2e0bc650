package gale.loadgen.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Gale control plane's events during a test: the SSE stream {@code GET /api/events/stream} when it answers,
 * else polling {@code GET /api/events?limit=100} every second. Events dated before the test are skipped.
 */
public final class ControlEventSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlEventSource.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final URI base;
    private final Clock clock;
    private final Instant since;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentLinkedQueue<ControlEvent> fresh = new ConcurrentLinkedQueue<>();
    private final List<ControlEvent> all = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private long lastId = -1;

    public ControlEventSource(URI base, Clock clock) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.clock = clock;
        this.since = clock.instant().minusSeconds(1);
        this.reader = Thread.ofPlatform().daemon().name("gale-load-control").unstarted(this::read);
    }

    public ControlEventSource start() {
        reader.start();
        return this;
    }

    /** Events received since the last call. */
    public List<ControlEvent> drain() {
        List<ControlEvent> out = new ArrayList<>();
        ControlEvent e;
        while ((e = fresh.poll()) != null) {
            out.add(e);
        }
        return out;
    }

    public List<ControlEvent> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        http.shutdownNow();
    }

    private void read() {
        try {
            stream();
        } catch (IOException | RuntimeException e) {
            log.debug("Event stream at {} unavailable ({}); polling instead", base, e.toString());
        } catch (InterruptedException e) {
            return;
        }
        while (!closed) {
            try {
                poll();
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("Polling events at {} failed: {}", base, e.toString());
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void stream() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/events/stream"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("status " + response.statusCode());
        }
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (var it = lines.iterator(); it.hasNext() && !closed; ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        accept(json.readTree(data.toString()));
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
        }
        if (!closed) {
            throw new IOException("stream ended");
        }
    }

    private void poll() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/events?limit=100"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        JsonNode events = json.readTree(response.body());
        List<JsonNode> sorted = new ArrayList<>();
        events.forEach(sorted::add);
        sorted.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        sorted.forEach(this::accept);
    }

    private void accept(JsonNode node) {
        long id = node.path("id").asLong(-1);
        if (id >= 0 && id <= lastId) {
            return;
        }
        lastId = Math.max(lastId, id);
        Instant time = clock.instant();
        try {
            if (node.hasNonNull("time")) {
                time = Instant.parse(node.get("time").asText());
            }
        } catch (DateTimeParseException e) {
            // Keep the time it arrived.
        }
        if (time.isBefore(since)) {
            return;
        }
        ControlEvent event = new ControlEvent(
                id, time, text(node, "type"), text(node, "subject"), text(node, "reason"), text(node, "service"));
        fresh.add(event);
        all.add(event);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }
}
