package gale.loadgen.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.loadgen.plan.PlanException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void parsesK6Expressions() {
        Threshold p95 = Thresholds.parse("http_req_duration: p(95)<500");
        assertThat(p95.metric()).isEqualTo("http_req_duration");
        assertThat(p95.aggregation()).isEqualTo("p");
        assertThat(p95.percentile()).isEqualTo(95);
        assertThat(p95.passes(499.9)).isTrue();
        assertThat(p95.passes(500)).isFalse();

        Threshold rate = Thresholds.parse("http_req_failed: rate<0.01");
        assertThat(rate.passes(0.009)).isTrue();
        assertThat(rate.passes(0.02)).isFalse();

        Threshold count = Thresholds.parse("http_reqs: count>=100");
        assertThat(count.passes(100)).isTrue();
        assertThat(Thresholds.parse("http_req_duration: p(99.9) <= 300").percentile())
                .isEqualTo(99.9);
    }

    @Test
    void parsesTagFilters() {
        Threshold t = Thresholds.parse("http_req_duration{scenario:api,name:home}: p(99)<300");
        assertThat(t.tags()).isEqualTo(Map.of("scenario", "api", "name", "home"));
        assertThat(t.metricKey()).isEqualTo("http_req_duration{name:home,scenario:api}");
    }

    @Test
    void rejectsUnknownMetricsAndAggregationsWithAClearMessage() {
        assertThatThrownBy(() -> Thresholds.parse("http_req_durration: p(95)<500"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("unknown metric 'http_req_durration'");
        assertThatThrownBy(() -> Thresholds.parse("http_req_failed: p(95)<500"))
                .hasMessageContaining("expected for a rate metric: rate");
        assertThatThrownBy(() -> Thresholds.parse("http_req_duration: p95 < 500"))
                .hasMessageContaining("expected: AGGREGATION OP NUMBER");
        assertThatThrownBy(() -> Thresholds.parse("p(95)<500")).hasMessageContaining("expected: METRIC: EXPRESSION");
    }
}
