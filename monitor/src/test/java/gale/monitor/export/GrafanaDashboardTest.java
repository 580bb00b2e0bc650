package gale.monitor.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrafanaDashboardTest {
    private final JsonNode dashboard;

    GrafanaDashboardTest() throws Exception {
        dashboard = new ObjectMapper().readTree(GrafanaDashboard.json());
    }

    private List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(p ->
                        p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }

    @Test
    void hasTheDocumentedPanels() {
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));

        assertThat(titles)
                .contains(
                        "Requests per second",
                        "Errors",
                        "Latency percentiles",
                        "Targets by health",
                        "Tasks by state",
                        "CPU per task",
                        "Desired vs running tasks",
                        "Alarms in ALARM");
        assertThat(dashboard.path("uid").asText()).isEqualTo("gale-stack");
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText())
                .isEqualTo("datasource");
        dashboard.path("panels").forEach(p -> {
            assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(p.path("gridPos").path("w").asInt()).isPositive();
            assertThat(p.path("targets").size()).isPositive();
        });
    }

    @Test
    void everyQueryIsValidPromQlOverDocumentedMetrics(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (String expr : expressions()) {
            Matcher names = Pattern.compile("gale_[a-z_]+").matcher(expr);
            assertThat(names.find()).as(expr).isTrue();
            do {
                String family = names.group().replaceFirst("_bucket$", "");
                assertThat(doc).as(expr).contains("`" + family + "`");
            } while (names.find());
            // promtool parses each query as a recording rule: a real PromQL check.
            rules.append("      - record: gale:dashboard_query_").append(i++).append('\n');
            rules.append("        expr: '").append(expr.replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

        Promtool.Result result = Promtool.run("check", "rules", file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + i + " rules found");
    }
}
