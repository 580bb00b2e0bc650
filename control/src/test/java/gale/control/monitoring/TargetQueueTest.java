package gale.control.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import gale.control.Stack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack file's {@code maxConnections} per target, applied: with two requests in flight to a slow target the third
 * waits in the queue, and the control plane shows it before anyone is refused: the limit's use and the queue in
 * {@code /metrics}, and a {@code limit.high} event.
 */
class TargetQueueTest {

    @TempDir
    Path stateRoot;

    private final MonitoringStacks stacks = new MonitoringStacks();
    private final Semaphore answers = new Semaphore(0);
    private HttpServer backend;
    private Stack stack;

    @AfterEach
    void stop() {
        answers.release(1000);
        if (stack != null) {
            stack.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void thirdRequestQueuesAndTheLimitShowsInMetricsAndEvents() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                answers.acquireUninterruptibly(); // slow: answers only when the test lets it
            }
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        String target = "127.0.0.1:" + backend.getAddress().getPort();
        stack = stacks.start("""
                listeners: [ { port: 0, defaultTargetGroup: web } ]
                targetGroups:
                  web:
                    targets: ["%s"]
                    maxConnections: 2
                    queueTimeout: 60s
                    healthCheck: { path: /health, interval: 1s, timeout: 1s }
                """.formatted(target), stateRoot);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            responses.add(client.sendAsync(
                    HttpRequest.newBuilder(stack.listenerUrl(0).resolve("/slow"))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // Sampled each second: the state lasts until the test lets the backend answer.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String metrics = stacks.get(stack.adminUrl().resolve("/metrics")).body();
            return metrics.contains("gale_balancer_queue_length{target_group=\"web\"} 1.0")
                    && metrics.contains("gale_balancer_limit_use_ratio{limit=\"maxConnections\",target=\"" + target
                            + "\",target_group=\"web\"} 1.0");
        });
        assertThat(stacks.eventsOfType(stack, "limit.high"))
                .anySatisfy(e -> assertThat(e.path("reason").asText())
                        .isEqualTo("Target " + target + " of web has 2 requests in flight, 100% of its maxConnections"
                                + " 2"));
        com.fasterxml.jackson.databind.JsonNode queue = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(stacks.get(stack.adminUrl().resolve("/api/status")).body())
                .path("queues")
                .path(0);
        assertThat(queue.path("targetGroup").asText()).isEqualTo("web");
        assertThat(queue.path("maxConnections").asInt()).isEqualTo(2);
        assertThat(queue.path("queued").asInt()).isEqualTo(1);
        answers.release(3);
        for (CompletableFuture<HttpResponse<String>> r : responses) {
            assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }
}
