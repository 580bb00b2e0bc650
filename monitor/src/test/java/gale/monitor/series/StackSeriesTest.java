package gale.monitor.series;

import static org.assertj.core.api.Assertions.assertThat;

import gale.monitor.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StackSeriesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:30:00Z"));
    private final TimeSeriesStore store = new TimeSeriesStore(clock, Duration.ofMinutes(5));
    private final StackSeries series = new StackSeries(store);
    private final Duration window = Duration.ofSeconds(5);

    @Test
    void countsRequestsByClassPerTargetGroupAndPerTarget() {
        series.requestCompleted("web", "web-1", 200, 2_000_000);
        series.requestCompleted("web", "web-1", 500, 8_000_000);
        series.rejected("web", 503);
        series.rejected(null, 400);
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.last(SeriesKey.of("http_request_count", "targetGroup", "web"), window)
                        .sum())
                .isEqualTo(3);
        assertThat(store.last(SeriesKey.of("http_5xx_count", "targetGroup", "web"), window)
                        .sum())
                .isEqualTo(2);
        assertThat(store.last(SeriesKey.of("http_2xx_count", "targetGroup", "web"), window)
                        .sum())
                .isEqualTo(1);
        assertThat(series.targetRequestsPerSecond("web-1", window)).isEqualTo(0.4);
        assertThat(series.p95LatencyMs("web", window)).isEqualTo(8.0);
    }

    @Test
    void tickMakesQuietSecondsCountAsZero() {
        series.addTargetGroup("web");
        series.tick();
        clock.advance(Duration.ofSeconds(1));

        Statistics errors = store.last(SeriesKey.of(Series.HTTP_5XX_COUNT.metric(), "targetGroup", "web"), window);
        assertThat(errors.isEmpty()).isFalse();
        assertThat(errors.sum()).isZero();
    }

    @Test
    void averagesTaskCpuPerTaskAndPerServiceAndForgetsStoppedTasks() {
        for (int i = 0; i < 3; i++) {
            series.taskSample("web", "web-1", 90, 100);
            series.taskSample("web", "web-2", 30, 100);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(series.taskCpuPercent("web-1", window)).isEqualTo(90);
        assertThat(store.last(SeriesKey.of("cpu_percent", "service", "web"), window)
                        .average())
                .isEqualTo(60);
        series.taskRemoved("web-1");
        assertThat(series.taskCpuPercent("web-1", window)).isNaN();
    }
}
