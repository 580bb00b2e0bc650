package gale.monitor.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.monitor.series.SeriesKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmConfigTest {

    private static AlarmConfig alarm(Duration period, Integer evaluationPeriods, Integer datapointsToAlarm) {
        return new AlarmConfig(
                "web-5xx",
                "http_5xx_count",
                Map.of("targetGroup", "web"),
                Statistic.SUM,
                period,
                evaluationPeriods,
                datapointsToAlarm,
                0,
                Comparison.GREATER,
                null,
                List.of("ops"));
    }

    @Test
    void fillsCloudWatchDefaults() {
        AlarmConfig config = alarm(Duration.ofSeconds(5), null, null);

        assertThat(config.evaluationPeriods()).isEqualTo(1);
        assertThat(config.datapointsToAlarm()).isEqualTo(1);
        assertThat(config.treatMissingData()).isEqualTo(TreatMissingData.MISSING);
        assertThat(config.seriesKey()).isEqualTo(SeriesKey.of("http_5xx_count", "targetGroup", "web"));
        assertThat(config.notifiers()).containsExactly("ops");
    }

    @Test
    void acceptsSymbolsAndCloudWatchNames() {
        assertThat(Comparison.parse(">")).isEqualTo(Comparison.GREATER);
        assertThat(Comparison.parse("LessThanOrEqualToThreshold")).isEqualTo(Comparison.LESS_OR_EQUAL);
        assertThat(Statistic.parse("SampleCount")).isEqualTo(Statistic.SAMPLE_COUNT);
        assertThat(Statistic.parse("sum")).isEqualTo(Statistic.SUM);
        assertThat(Statistic.parse("Sum")).isEqualTo(Statistic.SUM);
        assertThat(Statistic.parse("samplecount")).isEqualTo(Statistic.SAMPLE_COUNT);
        assertThat(Statistic.parse("p99")).isEqualTo(Statistic.percentile(99));
        assertThat(Statistic.parse("p99.9").cloudWatchName()).isEqualTo("p99.9");
        assertThat(Statistic.parse("p50").cloudWatchName()).isEqualTo("p50");
        assertThat(TreatMissingData.parse("notBreaching")).isEqualTo(TreatMissingData.NOT_BREACHING);
    }

    @Test
    void namesTheFieldInEveryError() {
        assertThatThrownBy(() -> alarm(Duration.ofMillis(1500), null, null))
                .hasMessage("alarms.web-5xx.period: PT1.5S (expected: whole seconds, at least 1s)");
        assertThatThrownBy(() -> alarm(Duration.ofSeconds(5), 0, null))
                .hasMessage("alarms.web-5xx.evaluationPeriods: 0 (expected: 1-86400)");
        assertThatThrownBy(() -> alarm(Duration.ofSeconds(5), 3, 4))
                .hasMessage("alarms.web-5xx.datapointsToAlarm: 4 (expected: 1-3, at most evaluationPeriods)");
        assertThatThrownBy(() -> Comparison.parse("=="))
                .hasMessageStartingWith("comparison: == (expected: >, >=, <, <=");
        assertThatThrownBy(() -> Statistic.parse("median"))
                .hasMessage("statistic: median (expected: SampleCount, Average, Sum, Minimum, Maximum or pNN like p99"
                        + " or p99.9)");
        assertThatThrownBy(() -> Statistic.parse("p100")).hasMessageStartingWith("statistic: p100 (expected:");
        assertThatThrownBy(() -> TreatMissingData.parse("zero"))
                .hasMessage("treatMissingData: zero (expected: missing, notBreaching, breaching, ignore)");
    }

    @Test
    void checkPublishedAcceptsWhatTheControlPlaneRecords() {
        assertThat(alarm(Duration.ofSeconds(5), null, null).checkPublished().metric())
                .isEqualTo("http_5xx_count");
        AlarmConfig p99 = new AlarmConfig(
                "slow",
                "latency_ms",
                Map.of("targetGroup", "web"),
                Statistic.parse("p99"),
                null,
                null,
                null,
                500,
                null,
                null,
                null);
        assertThat(p99.checkPublished().period()).isEqualTo(AlarmConfig.DEFAULT_PERIOD);
    }

    @Test
    void checkPublishedRefusesUnknownNamesAndPercentilesOfCounts() {
        assertThatThrownBy(() -> new AlarmConfig(
                                "a",
                                "http_5xx_cuont",
                                Map.of("targetGroup", "web"),
                                null,
                                null,
                                null,
                                null,
                                0,
                                null,
                                null,
                                null)
                        .checkPublished())
                .hasMessageStartingWith("metric: http_5xx_cuont (expected: one of the series Gale publishes, [")
                .hasMessageContaining("http_5xx_count");
        assertThatThrownBy(() -> new AlarmConfig(
                                "a",
                                "http_5xx_count",
                                Map.of("service", "web"),
                                null,
                                null,
                                null,
                                null,
                                0,
                                null,
                                null,
                                null)
                        .checkPublished())
                .hasMessage("service: web (expected: http_5xx_count is published per targetGroup)");
        assertThatThrownBy(() -> new AlarmConfig(
                                "a",
                                "http_5xx_count",
                                Map.of("targetGroup", "web"),
                                Statistic.percentile(99),
                                null,
                                null,
                                null,
                                0,
                                null,
                                null,
                                null)
                        .checkPublished())
                .hasMessageStartingWith("statistic: p99 (expected: SampleCount, Average, Sum, Minimum or Maximum;"
                        + " http_5xx_count is a count, percentiles are kept of [latency_ms] only)");
    }
}
