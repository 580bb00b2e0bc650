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
        assertThat(Statistic.parse("avg")).isEqualTo(Statistic.AVERAGE);
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
                .hasMessage("statistic: median (expected: sum, average, minimum, maximum, sampleCount, p95)");
        assertThatThrownBy(() -> TreatMissingData.parse("zero"))
                .hasMessage("treatMissingData: zero (expected: missing, notBreaching, breaching, ignore)");
    }
}
