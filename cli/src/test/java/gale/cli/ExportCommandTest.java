package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gale export prometheus} and {@code gale export grafana} write configs the real tools accept. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void prometheusExportPointsAtTheAdminPortAndPassesPromtool() throws Exception {
        Path stack = Files.writeString(
                dir.resolve("stack.yaml"),
                "notifiers:\n  ops: { discord: \"https://discord.com/api/webhooks/42/secret\" }\n");

        CliRun run = CliRun.of(
                "export",
                "prometheus",
                "--dir",
                dir.resolve("prom").toString(),
                "--admin-port",
                "9181",
                "--scrape-interval",
                "2",
                "-f",
                stack.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String prometheus = Files.readString(dir.resolve("prom/prometheus.yml"));
        assertThat(prometheus)
                .contains("\"127.0.0.1:9181\"")
                .contains("\"http://127.0.0.1:9181/api/sd\"")
                .contains("scrape_interval: 2s");
        assertThat(Files.readString(dir.resolve("prom/alertmanager.yml")))
                .contains("https://discord.com/api/webhooks/42/secret");
        Promtool.Result promtool = Promtool.run(
                "check", "config", dir.resolve("prom/prometheus.yml").toString());
        assertThat(promtool.exitCode()).as(promtool.output()).isZero();
    }

    @Test
    void grafanaExportWritesAnImportableDashboard() throws Exception {
        Path file = dir.resolve("out/gale-dashboard.json");

        CliRun run = CliRun.of("export", "grafana", "-o", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("gale-stack");
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        assertThat(CliRun.of("export", "grafana").out()).contains("gale_balancer_requests_total");
    }

    @Test
    void badScrapeIntervalIsBadInput() {
        CliRun run = CliRun.of("export", "prometheus", "--dir", dir.toString(), "--scrape-interval", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--scrape-interval: 0 (expected: 1-3600 seconds)");
    }
}
