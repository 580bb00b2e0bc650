package gale.monitor.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import gale.monitor.MutableClock;
import gale.monitor.series.Series;
import gale.monitor.series.SeriesKey;
import gale.monitor.series.SeriesNames;
import gale.monitor.series.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T02:30:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final TimeSeriesStore store = new TimeSeriesStore(clock, Duration.ofMinutes(10));
    private final Alarms alarms = new Alarms(store, clock);
    private final List<AlarmStateChange> changes = new ArrayList<>();
    private final SeriesKey errors = SeriesKey.of(Series.HTTP_5XX_COUNT.metric(), SeriesNames.TARGET_GROUP, "web");

    AlarmsTest() {
        alarms.addListener(changes::add);
    }

    /** The autoscaling example's {@code web-5xx} alarm, as control maps it. */
    private static AlarmConfig web5xx() {
        return new AlarmConfig(
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
                List.of("ops"));
    }

    /** One second passes: the count series is touched (0 when nothing failed) and {@code failures} are recorded. */
    private void second(int failures) {
        store.touch(errors);
        for (int i = 0; i < failures; i++) {
            store.record(errors, 1);
        }
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void startsInInsufficientDataAndStaysThereWithoutData() {
        alarms.add(web5xx());

        assertThat(alarms.evaluate()).isEmpty(); // INSUFFICIENT_DATA → INSUFFICIENT_DATA is no change
        AlarmStatus status = alarms.status("web-5xx").orElseThrow();
        assertThat(status.state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(status.reason()).isEqualTo("Unchecked: Initial alarm creation");
    }

    @Test
    void goesToAlarmWhenTheSumCrossesTheThresholdAndBackToOk() {
        alarms.add(web5xx());
        for (int i = 0; i < 5; i++) {
            second(0);
        }
        assertThat(alarms.evaluate()).extracting(AlarmStateChange::state).containsExactly(AlarmState.OK);

        second(3);
        List<AlarmStateChange> alarm = alarms.evaluate();

        assertThat(alarm).hasSize(1);
        assertThat(alarm.getFirst().previous()).isEqualTo(AlarmState.OK);
        assertThat(alarm.getFirst().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.getFirst().reason())
                .isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [3.0 (23/11/26 02:30:01)] was greater"
                        + " than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).");

        for (int i = 0; i < 4; i++) {
            second(0);
            assertThat(alarms.evaluate()).isEmpty(); // the 3 failures are still within the 5 s period
        }
        second(0);
        List<AlarmStateChange> ok = alarms.evaluate();
        assertThat(ok).extracting(AlarmStateChange::state).containsExactly(AlarmState.OK);
        assertThat(ok.getFirst().reason())
                .isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [0.0 (23/11/26 02:30:06)] was not greater"
                        + " than the threshold (0.0) (minimum 1 datapoint for ALARM -> OK transition).");
        assertThat(changes)
                .extracting(AlarmStateChange::state)
                .containsExactly(AlarmState.OK, AlarmState.ALARM, AlarmState.OK);
    }

    @Test
    void needsMOfTheLastNDatapointsToAlarm() {
        SeriesKey cpu = SeriesKey.of(Series.CPU_PERCENT.metric(), SeriesNames.SERVICE, "web");
        alarms.add(new AlarmConfig(
                "cpu-high",
                Series.CPU_PERCENT.metric(),
                Map.of("service", "web"),
                Statistic.AVERAGE,
                Duration.ofSeconds(1),
                3,
                2,
                80,
                Comparison.parse("GreaterThanOrEqualToThreshold"),
                TreatMissingData.MISSING,
                null));
        double[] values = {90, 10, 10};
        for (double v : values) {
            store.record(cpu, v);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(alarms.evaluate()).extracting(AlarmStateChange::state).containsExactly(AlarmState.OK);

        store.record(cpu, 95);
        clock.advance(Duration.ofSeconds(1));
        assertThat(alarms.evaluate()).isEmpty(); // 1 of 3 (10, 10, 95)
        store.record(cpu, 85);
        clock.advance(Duration.ofSeconds(1));

        List<AlarmStateChange> alarm = alarms.evaluate();
        assertThat(alarm).extracting(AlarmStateChange::state).containsExactly(AlarmState.ALARM);
        assertThat(alarm.getFirst().reason())
                .startsWith("Threshold Crossed: 2 out of the last 3 datapoints [85.0 (23/11/26 02:30:04), 95.0"
                        + " (23/11/26 02:30:03)] were greater than or equal to the threshold (80.0) (minimum 2"
                        + " datapoints for OK -> ALARM transition).");
    }

    @Test
    void treatsMissingDataAsTold() {
        AlarmConfig base = web5xx();
        for (TreatMissingData treat : TreatMissingData.values()) {
            alarms.add(new AlarmConfig(
                    "missing-" + treat.id(),
                    base.metric(),
                    base.dimensions(),
                    base.statistic(),
                    base.period(),
                    base.evaluationPeriods(),
                    null,
                    base.threshold(),
                    base.comparison(),
                    treat,
                    null));
        }
        clock.advance(Duration.ofSeconds(10));

        alarms.evaluate();

        assertThat(alarms.status("missing-missing").orElseThrow().state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(alarms.status("missing-ignore").orElseThrow().state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(alarms.status("missing-breaching").orElseThrow().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarms.status("missing-notBreaching").orElseThrow().state()).isEqualTo(AlarmState.OK);

        // Data stops after the alarm went OK: missing → INSUFFICIENT_DATA, ignore keeps OK.
        second(0);
        alarms.evaluate();
        clock.advance(Duration.ofSeconds(10));
        List<AlarmStateChange> gone = alarms.evaluate();
        assertThat(alarms.status("missing-ignore").orElseThrow().state()).isEqualTo(AlarmState.OK);
        assertThat(gone)
                .filteredOn(c -> c.alarmName().equals("missing-missing"))
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("Insufficient Data: 1 datapoint was unknown."));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<AlarmStateChange> seen = new ArrayList<>();
        Alarms guarded = new Alarms(store, clock);
        guarded.addListener(c -> {
            throw new IllegalStateException("listener bug");
        });
        guarded.addListener(seen::add);
        guarded.add(web5xx());
        second(1);

        guarded.evaluate();

        assertThat(seen).extracting(AlarmStateChange::state).containsExactly(AlarmState.ALARM);
    }

    @Test
    void sampleCountAndPercentilesAreTakenOfEachPeriod() {
        SeriesKey latency = SeriesKey.of(Series.LATENCY_MS.metric(), SeriesNames.TARGET_GROUP, "web");
        alarms.add(latencyAlarm("requests", "SampleCount", 50));
        alarms.add(latencyAlarm("p99", "p99", 900));
        alarms.add(latencyAlarm("p50", "p50", 900));
        // 60 requests in one 5 s period: 59 fast, one slow.
        for (int i = 0; i < 59; i++) {
            store.record(latency, 10);
        }
        store.record(latency, 1000);
        clock.advance(Duration.ofSeconds(5));

        alarms.evaluate();

        assertThat(alarms.status("requests").orElseThrow().reason()).contains("[60.0 (");
        assertThat(alarms.status("requests").orElseThrow().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarms.status("p99").orElseThrow().reason()).contains("[1000.0 (");
        assertThat(alarms.status("p99").orElseThrow().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarms.status("p50").orElseThrow().reason()).contains("[10.0 (");
        assertThat(alarms.status("p50").orElseThrow().state()).isEqualTo(AlarmState.OK);
    }

    private static AlarmConfig latencyAlarm(String name, String statistic, double threshold) {
        return new AlarmConfig(
                        name,
                        Series.LATENCY_MS.metric(),
                        Map.of(SeriesNames.TARGET_GROUP, "web"),
                        Statistic.parse(statistic),
                        Duration.ofSeconds(5),
                        null,
                        null,
                        threshold,
                        null,
                        null,
                        null)
                .checkPublished();
    }
}
