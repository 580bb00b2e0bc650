package gale.app;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Sends requests from a few virtual threads until stopped, and keeps each one's start, end and status (0 when no
 * answer came), so that a test can say which failed, when, and how long each took.
 */
final class LoadRecorder implements AutoCloseable {

    /** One request: times in nanoseconds of {@link System#nanoTime()}. */
    record Exchange(String name, long start, long end, int status, String body) {
        Duration took() {
            return Duration.ofNanos(end - start);
        }

        boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /** Starts {@code threads} loops, each sending what {@code request} makes, one after the other. */
    LoadRecorder add(String name, int count, Supplier<HttpRequest> request) {
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofVirtual().name("load-" + name + "-" + i).start(() -> loop(name, request)));
        }
        return this;
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    }

    static HttpRequest postJson(URI uri, String json) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private void loop(String name, Supplier<HttpRequest> request) {
        while (!stopped) {
            long start = System.nanoTime();
            int status = 0;
            String body = "";
            try {
                HttpResponse<String> response =
                        TestApps.CLIENT.send(request.get(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
            } catch (java.io.IOException e) {
                body = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            exchanges.add(new Exchange(name, start, System.nanoTime(), status, body));
        }
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(40))) {
                thread.interrupt();
            }
        }
    }
}
