package gale.monitor.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.monitor.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator.SplittableGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class TimeSeriesStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T02:30:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final TimeSeriesStore store = new TimeSeriesStore(clock, Duration.ofSeconds(60));
    private final SeriesKey latency = SeriesKey.of("latency_ms", "targetGroup", "web");

    @Test
    void aggregatesEachSecondAndAnswersRanges() {
        clock.advance(Duration.ofSeconds(10));
        store.record(latency, T0, 10);
        store.record(latency, T0.plusMillis(500), 30);
        store.record(latency, T0.plusSeconds(2), 5);

        assertThat(store.range(latency, T0, T0.plusSeconds(3)))
                .containsExactly(new Datapoint(T0, 40, 2, 10, 30), new Datapoint(T0.plusSeconds(2), 5, 1, 5, 5));
        assertThat(store.range(latency, T0.plusSeconds(1), T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void computesCloudWatchStatisticsOverAPeriod() {
        clock.advance(Duration.ofSeconds(10));
        for (int i = 1; i <= 100; i++) {
            store.record(latency, T0.plusMillis(i * 40L), i);
        }

        Statistics stats = store.statistics(latency, T0, T0.plusSeconds(5));

        assertThat(stats.sum()).isEqualTo(5050);
        assertThat(stats.sampleCount()).isEqualTo(100);
        assertThat(stats.average()).isEqualTo(50.5);
        assertThat(stats.minimum()).isEqualTo(1);
        assertThat(stats.maximum()).isEqualTo(100);
        assertThat(stats.p95()).isEqualTo(95);
        assertThat(stats.seconds()).isEqualTo(5);
    }

    @Test
    void estimatesP95FromAReservoirWhenASecondIsBusy() {
        for (int i = 0; i < 10_000; i++) {
            store.record(latency, T0, i % 100);
        }

        Statistics stats = store.statistics(latency, T0, T0.plusSeconds(1));

        assertThat(stats.sampleCount()).isEqualTo(10_000);
        assertThat(stats.p95()).isBetween(80.0, 100.0);
    }

    /**
     * Each series samples with a generator of its own: the store locks series one by one, so threads recording into
     * two series at once must not draw from one generator. Shared, the draws for one series would shift the other's.
     */
    @Test
    void aSeriesSampleDoesNotDependOnWhatOtherSeriesRecord() {
        SeriesKey other = SeriesKey.of("latency_ms", "targetGroup", "api");
        TimeSeriesStore alone = seeded();
        TimeSeriesStore interleaved = seeded();
        for (TimeSeriesStore s : new TimeSeriesStore[] {alone, interleaved}) {
            s.record(latency, T0, 0);
            s.record(other, T0, 0);
        }
        for (int i = 1; i < 10_000; i++) {
            alone.record(latency, T0, i);
            interleaved.record(latency, T0, i);
            interleaved.record(other, T0, i);
        }

        assertThat(interleaved.statistics(latency, T0, T0.plusSeconds(1)))
                .isEqualTo(alone.statistics(latency, T0, T0.plusSeconds(1)));
    }

    private TimeSeriesStore seeded() {
        SplittableGenerator random = RandomGeneratorFactory.<SplittableGenerator>of("L64X128MixRandom")
                .create(42);
        return new TimeSeriesStore(clock, Duration.ofSeconds(60), random);
    }

    @Test
    void forgetsWhatIsOlderThanTheRetention() {
        store.record(latency, T0, 1);
        clock.advance(Duration.ofSeconds(30));
        store.record(latency, 2);
        clock.advance(Duration.ofSeconds(40));
        // The ring slot of T0 is reused by T0 + 60 s; T0 itself is out of the window.
        store.record(latency, T0.plusSeconds(60), 3);

        assertThat(store.statistics(latency, T0, clock.instant()).sum()).isEqualTo(5);
        store.record(latency, T0, 100); // too old: ignored
        assertThat(store.statistics(latency, T0, clock.instant()).sum()).isEqualTo(5);
    }

    @Test
    void touchedSecondsSumToZeroInsteadOfBeingMissing() {
        SeriesKey errors = SeriesKey.of(Series.HTTP_5XX_COUNT.metric(), SeriesNames.TARGET_GROUP, "web");
        assertThat(store.statistics(errors, T0, T0.plusSeconds(5)).isEmpty()).isTrue();

        store.touch(errors);
        Statistics stats = store.statistics(errors, T0, T0.plusSeconds(5));

        assertThat(stats.isEmpty()).isFalse();
        assertThat(stats.sum()).isZero();
        assertThat(stats.sampleCount()).isZero();
        assertThat(stats.average()).isNaN();
    }

    @Test
    void lastExcludesTheCurrentSecond() {
        store.record(latency, T0, 7);
        clock.advance(Duration.ofMillis(1500));
        store.record(latency, 100);

        assertThat(store.last(latency, Duration.ofSeconds(5)).sum()).isEqualTo(7);
    }

    @Test
    void dropsSeriesIdleForAWholeRetention() {
        SeriesKey task = SeriesKey.of("cpu_percent", "task", "web-1a2b3c");
        store.record(task, 50);
        clock.advance(Duration.ofSeconds(61));
        store.record(latency, 1);
        clock.advance(Duration.ofSeconds(61));
        store.record(latency, 1);

        assertThat(store.keys()).containsExactly(latency);
    }

    @Test
    void namesKeysLikePromQlAndValidatesRetention() {
        assertThat(latency).hasToString("latency_ms{targetGroup=web}");
        assertThatThrownBy(() -> new TimeSeriesStore(clock, Duration.ZERO))
                .hasMessage("retention: PT0S (expected: 1 s to 1 day)");
    }
}
