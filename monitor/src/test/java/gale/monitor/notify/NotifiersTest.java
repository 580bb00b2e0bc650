package gale.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.AlarmState;
import gale.monitor.alarm.AlarmStateChange;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifiersTest {
    private static final DeliveryRetry FAST = new DeliveryRetry(Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 3);
    private static final String ALARM_REASON = "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (23/11/26"
            + " 02:30:00)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).";
    private final ObjectMapper json = new ObjectMapper();

    private static AlarmConfig web5xx(String... notify) {
        return new AlarmConfig(
                "web-5xx",
                "http_5xx_count",
                Map.of("targetGroup", "web"),
                Statistic.SUM,
                Duration.ofSeconds(5),
                1,
                1,
                0,
                Comparison.GREATER,
                null,
                List.of(notify));
    }

    private static AlarmStateChange change(AlarmConfig alarm, AlarmState from, AlarmState to, String reason) {
        return new AlarmStateChange(alarm, from, to, reason, Instant.parse("2026-11-23T02:30:05Z"));
    }

    private static NotifierConfig config(String name, NotifierKind kind, URI url) {
        return new NotifierConfig(name, kind, url, FAST, null);
    }

    @Test
    void discordGetsTheAlarmAfterItsRetryAfterThenTheOk() throws Exception {
        try (WebhookSink discord = new WebhookSink().rateLimitOnce(0.3);
                Notifiers notifiers = Notifiers.start(
                        List.of(config("ops", NotifierKind.DISCORD, discord.url("/api/webhooks/1/token"))))) {
            AlarmConfig alarm = web5xx("ops");

            notifiers.onStateChange(change(alarm, AlarmState.OK, AlarmState.ALARM, ALARM_REASON));
            notifiers.onStateChange(change(alarm, AlarmState.ALARM, AlarmState.OK, "Threshold Crossed: recovered"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> discord.accepted().size() == 2);
            List<WebhookSink.Received> all = discord.received();
            assertThat(all).extracting(WebhookSink.Received::answered).containsExactly(429, 204, 204);
            // Retried only after Discord's retry_after (0.3 s), not at once.
            assertThat(Duration.ofNanos(all.get(1).atNanos() - all.get(0).atNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(all.get(1).body()).isEqualTo(all.get(0).body());

            JsonNode first = json.readTree(discord.accepted().get(0).body());
            assertThat(discord.accepted().get(0).path()).isEqualTo("/api/webhooks/1/token");
            assertThat(discord.accepted().get(0).contentType()).isEqualTo("application/json");
            assertThat(first.path("content").asText()).startsWith("🔴 ALARM: web-5xx (OK → ALARM) Threshold Crossed");
            assertThat(first.path("content").asText().length()).isLessThanOrEqualTo(2000);
            assertThat(first.path("allowed_mentions").path("parse")).isEmpty();
            JsonNode embed = first.path("embeds").get(0);
            assertThat(embed.path("title").asText()).isEqualTo("🔴 ALARM: web-5xx");
            assertThat(embed.path("description").asText()).isEqualTo(ALARM_REASON);
            assertThat(embed.path("color").asInt()).isEqualTo(0xE74C3C);
            assertThat(embed.path("timestamp").asText()).isEqualTo("2026-11-23T02:30:05Z");
            assertThat(embed.path("fields").get(0).path("value").asText())
                    .isEqualTo("Sum(http_5xx_count{targetGroup=web}) over 5 s > 0.0, 1 of 1 periods");

            JsonNode second = json.readTree(discord.accepted().get(1).body());
            assertThat(second.path("embeds").get(0).path("title").asText()).isEqualTo("🟢 OK: web-5xx");
            assertThat(notifiers.get("ops").orElseThrow().stats()).isEqualTo(new NotifierStats(2, 0, 0, 1));
        }
    }

    @Test
    void discordContentIsCutBelowTwoThousandCharactersWithoutSplittingACharacter() throws Exception {
        try (WebhookSink discord = new WebhookSink();
                Notifiers notifiers = Notifiers.start(
                        List.of(config("ops", NotifierKind.DISCORD, discord.url("/api/webhooks/1/t"))))) {
            String longReason = "😀".repeat(3000);

            notifiers.onStateChange(change(web5xx("ops"), AlarmState.OK, AlarmState.ALARM, longReason));

            await().atMost(Duration.ofSeconds(5)).until(() -> discord.accepted().size() == 1);
            JsonNode body = json.readTree(discord.accepted().getFirst().body());
            String content = body.path("content").asText();
            assertThat(content.length()).isLessThanOrEqualTo(2000);
            assertThat(content).endsWith("😀…");
            assertThat(body.path("embeds").get(0).path("description").asText().length())
                    .isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void slackGetsTextAndBlocksAndHonoursRetryAfterHeader() throws Exception {
        try (WebhookSink slack = new WebhookSink();
                Notifiers notifiers =
                        Notifiers.start(List.of(config("team", NotifierKind.SLACK, slack.url("/services/T/B/X"))))) {
            slack.rateLimitByHeader(1);

            notifiers.onStateChange(change(web5xx("team"), AlarmState.OK, AlarmState.ALARM, ALARM_REASON));

            await().atMost(Duration.ofSeconds(5)).until(() -> slack.accepted().size() == 1);
            List<WebhookSink.Received> all = slack.received();
            assertThat(Duration.ofNanos(all.get(1).atNanos() - all.get(0).atNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            JsonNode body = json.readTree(slack.accepted().getFirst().body());
            assertThat(body.path("text").asText()).startsWith("🔴 ALARM: web-5xx");
            assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
            assertThat(body.path("blocks").get(1).path("text").path("type").asText())
                    .isEqualTo("mrkdwn");
            assertThat(body.path("blocks").get(1).path("text").path("text").asText())
                    .isEqualTo(ALARM_REASON);
        }
    }

    @Test
    void webhookGetsTheStateChangeAsJson() throws Exception {
        try (WebhookSink hook = new WebhookSink();
                Notifiers notifiers =
                        Notifiers.start(List.of(config("hook", NotifierKind.WEBHOOK, hook.url("/alarms"))))) {

            notifiers.onStateChange(
                    change(web5xx("hook"), AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM, ALARM_REASON));

            await().atMost(Duration.ofSeconds(5)).until(() -> hook.accepted().size() == 1);
            JsonNode body = json.readTree(hook.accepted().getFirst().body());
            assertThat(body.path("alarm").asText()).isEqualTo("web-5xx");
            assertThat(body.path("previousState").asText()).isEqualTo("INSUFFICIENT_DATA");
            assertThat(body.path("state").asText()).isEqualTo("ALARM");
            assertThat(body.path("reason").asText()).isEqualTo(ALARM_REASON);
            assertThat(body.path("metric").asText()).isEqualTo("http_5xx_count");
            assertThat(body.path("dimensions").path("targetGroup").asText()).isEqualTo("web");
            assertThat(body.path("statistic").asText()).isEqualTo("Sum");
            assertThat(body.path("periodSeconds").asInt()).isEqualTo(5);
            assertThat(body.path("comparison").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(body.path("at").asText()).isEqualTo("2026-11-23T02:30:05Z");
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedWithBackoffThenGivenUpWithoutHurtingTheCaller() throws Exception {
        URI down;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/api/webhooks/1/token");
        }
        try (Notifiers notifiers = Notifiers.start(List.of(config("ops", NotifierKind.DISCORD, down)))) {
            long start = System.nanoTime();
            notifiers.onStateChange(change(web5xx("ops"), AlarmState.OK, AlarmState.ALARM, ALARM_REASON));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

            Notifier ops = notifiers.get("ops").orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> ops.stats().failed() == 1);
            assertThat(ops.stats()).isEqualTo(new NotifierStats(0, 1, 0, 2)); // 3 attempts: 2 retries
        }
    }

    @Test
    void aPermanentClientErrorIsNotRetried() throws Exception {
        try (WebhookSink discord =
                        new WebhookSink().answer(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
                Notifiers notifiers = Notifiers.start(
                        List.of(config("ops", NotifierKind.DISCORD, discord.url("/api/webhooks/9/x"))))) {
            notifiers.onStateChange(change(web5xx("ops"), AlarmState.OK, AlarmState.ALARM, ALARM_REASON));

            Notifier ops = notifiers.get("ops").orElseThrow();
            await().atMost(Duration.ofSeconds(5)).until(() -> ops.stats().failed() == 1);
            assertThat(discord.received()).hasSize(1);
            assertThat(ops.stats().retries()).isZero();
        }
    }

    @Test
    void aFullQueueDropsItsOldestMessage() throws Exception {
        try (WebhookSink slow = new WebhookSink().rateLimitOnce(1.0);
                Notifiers notifiers = Notifiers.start(
                        List.of(new NotifierConfig("ops", NotifierKind.WEBHOOK, slow.url("/hook"), FAST, 2)))) {
            AlarmConfig alarm = web5xx("ops");
            notifiers.onStateChange(change(alarm, AlarmState.OK, AlarmState.ALARM, "first"));
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.received().size() == 1); // worker waits 1 s now
            for (String reason : List.of("second", "third", "fourth")) {
                notifiers.onStateChange(change(alarm, AlarmState.OK, AlarmState.ALARM, reason));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> slow.accepted().size() == 3);
            assertThat(slow.accepted())
                    .extracting(r -> json.readTree(r.body()).path("reason").asText())
                    .containsExactly("first", "third", "fourth");
            assertThat(notifiers.get("ops").orElseThrow().stats().dropped()).isEqualTo(1);
        }
    }

    @Test
    void validatesNotifierConfigNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> NotifierConfig.of("ops", NotifierKind.DISCORD, "ftp://x/y"))
                .hasMessage("notifiers.ops.discord: ftp://x/y (expected: an http or https URL)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotifierKind.parse("teams"))
                .hasMessage("notifier kind: teams (expected: discord, slack, webhook, log)");
        assertThat(DeliveryRetry.DEFAULT.delay(1)).hasSeconds(1);
        assertThat(DeliveryRetry.DEFAULT.delay(4)).hasSeconds(8);
        assertThat(DeliveryRetry.DEFAULT.delay(10)).hasSeconds(30);
    }
}
