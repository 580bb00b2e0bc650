package gale.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.MutableClock;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.Alarms;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import gale.monitor.series.StackSeries;
import gale.monitor.series.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The autoscaling example's web-5xx alarm, from recorded responses to Discord's JSON on a sink that rate-limits once. */
class AlarmToDiscordTest {

    @Test
    void failingTargetRaisesAlarmOnDiscordAndRecoveryClearsIt() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:30:00Z"));
        StackSeries series = new StackSeries(new TimeSeriesStore(clock, Duration.ofMinutes(10)));
        series.addTargetGroup("web");
        Alarms alarms = new Alarms(series.store(), clock);
        alarms.add(new AlarmConfig(
                "web-5xx",
                "http_5xx_count",
                Map.of("targetGroup", "web"),
                Statistic.parse("sum"),
                Duration.ofSeconds(5),
                1,
                null,
                0,
                Comparison.parse(">"),
                null,
                List.of("ops")));
        try (WebhookSink discord = new WebhookSink().rateLimitOnce(0.25);
                Notifiers notifiers = Notifiers.start(List.of(new NotifierConfig(
                        "ops", NotifierKind.DISCORD, discord.url("/api/webhooks/1/token"), null, null)))) {
            alarms.addListener(notifiers);

            // The target fails for a second: 503s.
            series.tick();
            series.requestCompleted("web", "web-1a2b3c", 503, 1_000_000);
            series.requestCompleted("web", "web-1a2b3c", 503, 1_000_000);
            clock.advance(Duration.ofSeconds(1));
            alarms.evaluate();
            // It recovers: five quiet seconds.
            for (int i = 0; i < 5; i++) {
                series.tick();
                series.requestCompleted("web", "web-1a2b3c", 200, 1_000_000);
                clock.advance(Duration.ofSeconds(1));
                alarms.evaluate();
            }

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> discord.accepted().size() == 2);
            ObjectMapper json = new ObjectMapper();
            assertThat(discord.received().getFirst().answered()).isEqualTo(429);
            assertThat(json.readTree(discord.accepted().get(0).body())
                            .path("embeds")
                            .get(0)
                            .path("title")
                            .asText())
                    .isEqualTo("🔴 ALARM: web-5xx");
            assertThat(json.readTree(discord.accepted().get(0).body())
                            .path("content")
                            .asText())
                    .contains("Threshold Crossed: 1 out of the last 1 datapoints [2.0 (23/11/26 02:29:56)] was greater"
                            + " than the threshold (0.0)");
            assertThat(json.readTree(discord.accepted().get(1).body())
                            .path("embeds")
                            .get(0)
                            .path("title")
                            .asText())
                    .isEqualTo("🟢 OK: web-5xx");
        }
    }
}
