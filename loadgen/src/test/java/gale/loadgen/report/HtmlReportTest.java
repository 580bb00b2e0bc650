package gale.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.LoopMetrics;
import gale.loadgen.metrics.MetricsCollector;
import gale.loadgen.metrics.MetricsLayout;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanOptions;
import gale.loadgen.plan.RequestSpec;
import gale.loadgen.plan.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void render_inlinesTheChartCodeAndTheData_andNamesNoUrlToFetch() throws Exception {
        String html = HtmlReport.render(tenMinuteResult());

        assertThat(html).contains("uPlot").contains("GaleCharts").contains("galeReport");
        assertThat(html)
                .doesNotContainPattern("(?i)<script[^>]+src=")
                .doesNotContainPattern("(?i)<link[^>]+stylesheet");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"https?:");
        JsonNode data = JSON.readTree(dataOf(html));
        assertThat(data.path("rows")).hasSize(600);
        assertThat(data.path("rows").get(0).path("outcomes").path("2xx").asLong())
                .isEqualTo(1000);
        assertThat(data.path("events")).hasSize(20);
        assertThat(data.path("percentiles")).hasSize(51);
        assertThat(data.path("live").asBoolean()).isFalse();
    }

    /**
     * The report of a 10-minute test: 600 seconds of 1,003 requests each with two outcome kinds, and a control-plane
     * event every 30 s. The rows are synthetic (the collector's totals are empty): a real run's rows have the same
     * fields, so the file's size is the same to within the digits of its numbers.
     */
    @Test
    void aTenMinuteReportStaysSmall() {
        int bytes = HtmlReport.render(tenMinuteResult()).getBytes(StandardCharsets.UTF_8).length;

        System.out.printf("report: %.1f KB for a 10-minute test (600 seconds, 20 events)%n", bytes / 1024.0);
        assertThat(bytes).isLessThan(400 * 1024);
    }

    private static String dataOf(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"gale-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1).replace("<\\/", "</");
    }

    private static LoadResult tenMinuteResult() {
        Scenario scenario = new Scenario(
                "default",
                new ExecutorSpec.ConstantVus(50, TEN_MINUTES),
                List.of(RequestSpec.get(URI.create("http://127.0.0.1:8080/"))),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(5),
                Map.of());
        LoadPlan plan =
                new LoadPlan(List.of(scenario), List.of(), new PlanOptions(0, 2, Duration.ofSeconds(10), false));
        MetricsLayout layout = new MetricsLayout(plan);
        MetricsCollector collector = new MetricsCollector(plan, layout, List.of(new LoopMetrics(layout)));
        Instant start = Instant.parse("2026-12-07T05:00:00Z");
        List<SecondRow> rows = new ArrayList<>();
        List<ControlEvent> events = new ArrayList<>();
        for (int s = 1; s <= 600; s++) {
            List<ControlEvent> fresh = new ArrayList<>();
            if (s % 30 == 0) {
                fresh.add(new ControlEvent(
                        s, start.plusSeconds(s), "task.stopped", "web-1a2b3c", "Stopped by user", "web"));
            }
            events.addAll(fresh);
            double p50 = 1.234 + (s % 7) * 0.01;
            rows.add(new SecondRow(
                    s,
                    start.plusSeconds(s).toEpochMilli(),
                    50,
                    50,
                    1003,
                    3,
                    1.521,
                    p50,
                    p50 * 2.1,
                    p50 * 3.3,
                    p50 * 7.9,
                    41.37,
                    1003,
                    0,
                    98_294,
                    183_549,
                    fresh,
                    Map.of("2xx", 1000L, "5xx", 3L)));
        }
        collector.tick(1000, start.toEpochMilli(), 0, 0, List.of());
        return new LoadResult(collector.results(600), List.of(), rows, events, false, false);
    }
}
