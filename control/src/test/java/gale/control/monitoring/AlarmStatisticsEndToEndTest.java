package gale.control.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import gale.control.Stack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarms with CloudWatch's {@code Sum} and a {@code p99} on the latency series, on a real stack whose target group
 * holds one static target that answers {@code /slow} after 400 ms and everything else at once: ten fast requests and
 * one slow one raise the {@code Sum} alarm and the {@code p99} alarm, while a {@code p50} alarm on the same series,
 * same threshold, stays OK.
 */
class AlarmStatisticsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SLOW_MS = 400;

    @TempDir
    Path stateRoot;

    private final MonitoringStacks stacks = new MonitoringStacks();
    private HttpServer backend;
    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void sumAndP99AlarmsAreEvaluatedOnTheStacksOwnSeries() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        backend.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                sleepQuietly();
            }
            byte[] body = "fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        String yaml = """
                listeners: [ { port: 0, defaultTargetGroup: web } ]
                targetGroups:
                  web:
                    targets: ["127.0.0.1:%d"]
                    healthCheck: { path: /health, interval: 1s }
                alarms:
                  requests:
                    metric: http_request_count
                    targetGroup: web
                    statistic: Sum
                    period: 10s
                    threshold: 8
                    comparison: GreaterThanOrEqualToThreshold
                  slow-p99:
                    metric: latency_ms
                    targetGroup: web
                    statistic: p99
                    period: 10s
                    threshold: %d
                    treatMissingData: notBreaching
                  slow-p50:
                    metric: latency_ms
                    targetGroup: web
                    statistic: p50
                    period: 10s
                    threshold: %d
                    treatMissingData: notBreaching
                """.formatted(backend.getAddress().getPort(), SLOW_MS / 2, SLOW_MS / 2);
        stack = stacks.start(yaml, stateRoot);
        await().atMost(WAIT).until(() -> stacks.eventsOfType(stack, "alarm.ok").size() >= 3);

        for (int i = 0; i < 10; i++) {
            assertThat(stacks.get(stack.listenerUrl(0)).statusCode()).isEqualTo(200);
        }
        assertThat(stacks.get(stack.listenerUrl(0).resolve("/slow")).statusCode())
                .isEqualTo(200);

        await().atMost(WAIT).until(() -> alarmed("requests") && alarmed("slow-p99"));
        assertThat(reason("requests")).contains("was greater than or equal to the threshold (8.0)");
        assertThat(reason("slow-p99")).contains("was greater than the threshold (" + (SLOW_MS / 2) + ".0)");
        assertThat(alarmed("slow-p50")).isFalse();
        String metrics = stacks.get(stack.adminUrl().resolve("/metrics")).body();
        assertThat(metrics)
                .contains("gale_alarm_state{alarm=\"slow-p99\",state=\"ALARM\"} 1")
                .contains("gale_alarm_state{alarm=\"slow-p50\",state=\"OK\"} 1");
    }

    private boolean alarmed(String alarm) throws IOException, InterruptedException {
        return !alarmEvents(alarm).isEmpty();
    }

    private String reason(String alarm) throws IOException, InterruptedException {
        return alarmEvents(alarm).getFirst().path("reason").asText();
    }

    private List<JsonNode> alarmEvents(String alarm) throws IOException, InterruptedException {
        return stacks.eventsOfType(stack, "alarm.alarm").stream()
                .filter(e -> e.path("subject").asText().equals(alarm))
                .toList();
    }

    private static void sleepQuietly() {
        try {
            // The backend's latency is what the test measures, not a wait for a condition.
            Thread.sleep(SLOW_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
