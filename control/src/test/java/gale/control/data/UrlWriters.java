package gale.control.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.Stack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that shorten URLs through the balancer without pause until closed, keeping every code a 201 acknowledged
 * with the URL it stands for: what must resolve afterwards, whatever failed meanwhile.
 */
final class UrlWriters implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    UrlWriters(Stack stack, int clients) {
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofVirtual().name("url-writer-" + i).start(() -> write(stack, client)));
        }
    }

    private void write(Stack stack, int client) {
        for (long n = 0; !stopped; n++) {
            String target = "https://example.com/" + client + "/" + n;
            try {
                HttpResponse<String> response = DataStacks.postUrl(stack, target);
                if (response.statusCode() == 201) {
                    acknowledged.put(JSON.readTree(response.body()).path("code").asText(), target);
                } else {
                    failed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    int failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(30))) {
                thread.interrupt();
            }
        }
    }
}
