package gale.control.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.events.Event;
import gale.control.events.EventLog;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.AlarmState;
import gale.monitor.alarm.AlarmStateChange;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import gale.monitor.alarm.TreatMissingData;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Stop conditions, as FIS's: an alarm in ALARM ends the faults that name it, and only those. */
class FaultRegistryTest {

    private final EventLog events = new EventLog(Clock.systemUTC(), 1000);
    private final AtomicInteger reverted = new AtomicInteger();
    private final FaultRegistry registry = new FaultRegistry(
            Map.of(
                    FaultKind.Scope.DATABASE,
                    (id, spec) -> new FaultAction.Applied(List.of("a database"), reverted::incrementAndGet)),
            events,
            new PrometheusRegistry(),
            Clock.systemUTC(),
            RandomGenerator.getDefault());

    @Test
    void anAlarmInAlarmEndsTheFaultsThatNameItEarly() {
        Fault named = registry.inject(outage("[\"web-5xx\"]"));
        Fault any = registry.inject(outage("\"*\""));
        Fault other = registry.inject(outage("[\"db-latency\"]"));

        registry.onStateChange(change("web-5xx", AlarmState.OK));
        assertThat(registry.activeFaults()).hasSize(3);

        registry.onStateChange(change("web-5xx", AlarmState.ALARM));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.activeFaults().size() == 1);
        assertThat(registry.activeFaults()).extracting(Fault::id).containsExactly(other.id());
        assertThat(reverted).hasValue(2);
        List<Event> ended = events.recent(100).stream()
                .filter(e -> e.type().equals("fault.ended"))
                .toList();
        assertThat(ended).extracting(Event::subject).containsExactlyInAnyOrder(named.id(), any.id());
        assertThat(ended)
                .allSatisfy(e -> assertThat(e.reason()).startsWith("Stopped early: alarm web-5xx is in ALARM"));
        registry.close();
        assertThat(reverted).hasValue(3);
    }

    private static FaultSpec outage(String stopOn) {
        try {
            return FaultJson.parse(new ObjectMapper()
                    .readTree("{\"kind\": \"database-outage\", \"duration\": \"10m\", \"stopOn\": " + stopOn + "}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlarmStateChange change(String alarm, AlarmState state) {
        AlarmConfig config = new AlarmConfig(
                alarm,
                "HTTPCode_Target_5XX_Count",
                Map.of(),
                Statistic.SUM,
                Duration.ofSeconds(10),
                1,
                1,
                1,
                Comparison.GREATER,
                TreatMissingData.MISSING,
                List.of());
        return new AlarmStateChange(config, AlarmState.INSUFFICIENT_DATA, state, "test", Instant.now());
    }
}
