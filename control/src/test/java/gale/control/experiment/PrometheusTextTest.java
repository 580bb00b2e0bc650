package gale.control.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP gale_requests_total Requests.
            # TYPE gale_requests_total counter
            gale_requests_total{group="web",code="2xx"} 120
            gale_requests_total{group="web",code="5xx"} 3
            gale_requests_total{group="api",code="5xx"} 4 1733560000000
            gale_requests_total_created{group="web"} 1.7e9
            gale_note{text="a \\"quoted\\" word"} 1
            gale_faults_active 0
            """;

    @Test
    void addsTheSamplesWhoseLabelsMatch() {
        assertThat(PrometheusText.sum(TEXT, "gale_requests_total", Map.of())).isEqualTo(127);
        assertThat(PrometheusText.sum(TEXT, "gale_requests_total", Map.of("code", "5xx")))
                .isEqualTo(7);
        assertThat(PrometheusText.sum(TEXT, "gale_requests_total", Map.of("code", "5xx", "group", "web")))
                .isEqualTo(3);
        assertThat(PrometheusText.sum(TEXT, "gale_note", Map.of("text", "a \"quoted\" word")))
                .isEqualTo(1);
        assertThat(PrometheusText.sum(TEXT, "gale_faults_active", Map.of())).isZero();
    }

    @Test
    void noMatchingSampleIsNoData() {
        assertThat(PrometheusText.sum(TEXT, "gale_requests", Map.of())).isNaN();
        assertThat(PrometheusText.sum(TEXT, "gale_requests_total", Map.of("code", "4xx")))
                .isNaN();
    }
}
