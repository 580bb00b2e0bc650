package gale.monitor.notify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.alarm.AlarmStateChange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each state change as JSON to one URL, from its own queue and thread, so a slow or dead receiver never holds
 * up the alarms. 2xx is delivered; 429 waits the receiver's {@code retry_after} (Discord's JSON, fractional seconds)
 * or {@code Retry-After} header, then retries; 5xx and I/O errors retry with backoff; other 4xx give up at once (a
 * retry cannot fix them). A full queue drops its oldest message.
 */
final class HttpNotifier implements Notifier {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A receiver asking for more than this is not waited on longer (the queue keeps filling meanwhile). */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(HttpNotifier.class);

    private final String name;
    private final URI url;
    private final MessageFormat format;
    private final HttpClient client;
    private final ObjectMapper json;
    private final DeliveryRetry backoff;
    private final int capacity;
    private final Deque<AlarmStateChange> queue = new ArrayDeque<>();
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean closed;

    HttpNotifier(NotifierConfig config, MessageFormat format, HttpClient client, ObjectMapper json) {
        this.name = config.name();
        this.url = requireNonNull(config.url(), "url");
        this.format = requireNonNull(format, "format");
        this.client = requireNonNull(client, "client");
        this.json = requireNonNull(json, "json");
        this.backoff = config.backoff();
        this.capacity = config.queueCapacity();
        this.worker = Thread.ofVirtual().name("gale-notifier-" + name).start(this::run);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(AlarmStateChange change) {
        if (closed) {
            return;
        }
        synchronized (queue) {
            if (queue.size() >= capacity) {
                AlarmStateChange oldest = queue.removeFirst();
                dropped.incrementAndGet();
                log.warn(
                        "Notifier {}: queue full ({} messages), dropped the oldest ({} of alarm {})",
                        name,
                        capacity,
                        oldest.state(),
                        oldest.alarmName());
            }
            queue.addLast(change);
            queue.notifyAll();
        }
    }

    @Override
    public NotifierStats stats() {
        return new NotifierStats(delivered.get(), failed.get(), dropped.get(), retries.get());
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }

    private void run() {
        try {
            while (!closed) {
                AlarmStateChange next;
                synchronized (queue) {
                    while (queue.isEmpty()) {
                        queue.wait();
                    }
                    next = queue.removeFirst();
                }
                deliver(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    private void deliver(AlarmStateChange change) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Gale")
                .POST(HttpRequest.BodyPublishers.ofString(format.body(change)))
                .build();
        for (int attempt = 1; ; attempt++) {
            String problem;
            Duration wait;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                if (status == 429) {
                    wait = retryAfter(response).orElse(backoff.delay(attempt));
                    problem = "rate limited (HTTP 429)";
                } else if (status / 100 == 5) {
                    wait = backoff.delay(attempt);
                    problem = "HTTP " + status;
                } else {
                    failed.incrementAndGet();
                    log.warn(
                            "Notifier {}: {} answered HTTP {} to {} of alarm {}; not retrying: {}",
                            name,
                            url.getHost(),
                            status,
                            change.state(),
                            change.alarmName(),
                            Text.truncate(response.body(), 200));
                    return;
                }
            } catch (IOException e) {
                wait = backoff.delay(attempt);
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= backoff.maxAttempts() || closed) {
                failed.incrementAndGet();
                log.warn(
                        "Notifier {}: giving up on {} of alarm {} after {} attempts ({})",
                        name,
                        change.state(),
                        change.alarmName(),
                        attempt,
                        problem);
                return;
            }
            log.warn(
                    "Notifier {}: {} of alarm {} failed ({}); retrying in {} ms (attempt {} of {})",
                    name,
                    change.state(),
                    change.alarmName(),
                    problem,
                    wait.toMillis(),
                    attempt + 1,
                    backoff.maxAttempts());
            retries.incrementAndGet();
            Thread.sleep(wait); // this notifier's own thread: waiting is its job
        }
    }

    /** Discord's body {@code retry_after} (seconds, may be fractional), else the {@code Retry-After} header. */
    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<Duration> wait = Optional.empty();
        try {
            JsonNode body = json.readTree(response.body());
            if (body != null && body.path("retry_after").isNumber()) {
                wait = Optional.of(seconds(body.path("retry_after").asDouble()));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall back to the header
        }
        if (wait.isEmpty()) {
            wait = response.headers().firstValue("Retry-After").flatMap(HttpNotifier::parseSeconds);
        }
        return wait.map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }

    private static Optional<Duration> parseSeconds(String text) {
        try {
            return Optional.of(seconds(Double.parseDouble(text.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis((long) Math.ceil(Math.max(0, seconds) * 1000));
    }
}
