package gale.control.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import gale.control.Stack;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaling example's alarm, {@code web-5xx}, on a real stack whose target group {@code web} holds one static target (a test
 * backend that answers 500 while told to fail, its health check always 200): the 5xx relayed by the balancer drive
 * the alarm to ALARM and back to OK, each change an event and a Discord message to a sink that rate-limits.
 */
class AlarmsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double RETRY_AFTER = 0.7;

    @TempDir
    Path stateRoot;

    private final MonitoringStacks stacks = new MonitoringStacks();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean failing = new AtomicBoolean();
    private HttpServer backend;
    private DiscordSink sink;
    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void failingTargetGroupRaisesAlarmToDiscordDespiteRateLimitAndRecoversToOk() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        backend.createContext("/", exchange -> {
            boolean health = exchange.getRequestURI().getPath().equals("/health");
            int status = !health && failing.get() ? 500 : 200;
            byte[] body = (status == 500 ? "broken" : "fine").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        sink = new DiscordSink(RETRY_AFTER).rateLimitNext();
        String yaml = MonitoringStacks.autoscalingExample(sink.webhookUrl())
                .replaceAll("(?s)services:.*?alarms:", "alarms:")
                .replace(
                        "    healthCheck: { path: /health, interval: 1s",
                        "    targets: [\"127.0.0.1:" + backend.getAddress().getPort() + "\"]\n"
                                + "    healthCheck: { path: /health, interval: 1s");
        stack = stacks.start(yaml, stateRoot);

        // The alarm leaves INSUFFICIENT_DATA for OK once its first period is seen: the sink's first call gets 429.
        await().atMost(WAIT).until(() -> !stacks.eventsOfType(stack, "alarm.ok").isEmpty());
        await().atMost(WAIT).until(() -> !accepted("OK").isEmpty());
        assertThat(sink.received().getFirst().answered()).isEqualTo(429);

        sink.rateLimitNext();
        failing.set(true);
        for (int i = 0; i < 5; i++) {
            assertThat(stacks.get(stack.listenerUrl(0)).statusCode()).isEqualTo(500);
        }

        await().atMost(WAIT).until(() -> !accepted("ALARM").isEmpty());
        List<DiscordSink.Received> alarmCalls = calls("ALARM");
        assertThat(alarmCalls.getFirst().answered()).isEqualTo(429);
        DiscordSink.Received delivered = accepted("ALARM").getFirst();
        assertThat(delivered.atNanos() - alarmCalls.getFirst().atNanos())
                .as("waited retry_after before retrying")
                .isGreaterThanOrEqualTo((long) (RETRY_AFTER * 0.9e9));
        assertThat(delivered.path()).isEqualTo("/api/webhooks/1/token");
        JsonNode message = json.readTree(delivered.body());
        assertThat(message.path("content").asText()).contains("ALARM", "web-5xx");
        assertThat(message.path("content").asText().length()).isLessThanOrEqualTo(2000);
        assertThat(message.path("allowed_mentions").path("parse")).isEmpty();
        JsonNode embed = message.path("embeds").get(0);
        assertThat(embed.path("title").asText()).contains("web-5xx");
        assertThat(embed.path("description").asText()).startsWith("Threshold Crossed");
        JsonNode alarmEvent = stacks.eventsOfType(stack, "alarm.alarm").getFirst();
        assertThat(alarmEvent.path("subject").asText()).isEqualTo("web-5xx");
        assertThat(alarmEvent.path("reason").asText()).contains("OK → ALARM", "was greater than the threshold (0.0)");

        failing.set(false);
        assertThat(stacks.get(stack.listenerUrl(0)).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> accepted("OK").size() >= 2);
        JsonNode recovered = json.readTree(accepted("OK").getLast().body());
        assertThat(recovered.path("content").asText()).contains("OK", "web-5xx", "ALARM → OK");
        assertThat(stacks.eventsOfType(stack, "alarm.ok")
                        .getLast()
                        .path("reason")
                        .asText())
                .contains("ALARM → OK", "was not greater than the threshold (0.0)");
        String metrics = stacks.get(stack.adminUrl().resolve("/metrics")).body();
        assertThat(metrics)
                .contains("gale_alarm_state{alarm=\"web-5xx\",state=\"OK\"} 1")
                .contains("gale_alarm_transitions_total{alarm=\"web-5xx\",state=\"ALARM\"} 1");
    }

    /** Calls to the sink about a change into {@code state}, whatever they were answered. */
    private List<DiscordSink.Received> calls(String state) {
        return sink.received().stream().filter(r -> intoState(r.body(), state)).toList();
    }

    private List<DiscordSink.Received> accepted(String state) {
        return calls(state).stream().filter(r -> r.answered() == 204).toList();
    }

    private boolean intoState(String body, String state) {
        try {
            String content = json.readTree(body).path("content").asText();
            return content.contains("→ " + state + ")");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
