package gale.monitor.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gale.monitor.testing.Promtool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusExportTest {
    private static final URI DISCORD = URI.create("http://127.0.0.1:9099/api/webhooks/1/token");
    private final PrometheusExport export =
            new PrometheusExport(new ExportSettings("127.0.0.1:8081", Duration.ofSeconds(5), null, DISCORD));

    @Test
    void prometheusConfigAndItsRulesPassPromtool(@TempDir Path dir) throws Exception {
        List<Path> files = export.writeTo(dir);

        Promtool.Result config = Promtool.run("check", "config", files.get(0).toString());
        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output()).contains("SUCCESS").contains("9 rules found");
        Promtool.Result rules = Promtool.run("check", "rules", files.get(1).toString());
        assertThat(rules.exitCode()).as(rules.output()).isZero();
    }

    @Test
    void discoversTasksThroughTheControlPlanesSdEndpointAndScrapesTheControlPlane() throws Exception {
        JsonNode yml = new YAMLMapper().readTree(export.prometheusYml());

        JsonNode jobs = yml.path("scrape_configs");
        assertThat(jobs.get(0).path("job_name").asText()).isEqualTo("gale-control-plane");
        assertThat(jobs.get(0)
                        .path("static_configs")
                        .get(0)
                        .path("targets")
                        .get(0)
                        .asText())
                .isEqualTo("127.0.0.1:8081");
        assertThat(jobs.get(1).path("http_sd_configs").get(0).path("url").asText())
                .isEqualTo("http://127.0.0.1:8081/api/sd");
        assertThat(yml.path("rule_files").get(0).asText()).isEqualTo("gale-rules.yml");
    }

    @Test
    void alertmanagerSendsEveryAlertToDiscord() throws Exception {
        JsonNode yml = new YAMLMapper().readTree(export.alertmanagerYml());

        assertThat(yml.path("route").path("receiver").asText()).isEqualTo("discord");
        JsonNode discord = yml.path("receivers").get(0).path("discord_configs").get(0);
        assertThat(discord.path("webhook_url").asText()).isEqualTo(DISCORD.toString());
        assertThat(discord.path("send_resolved").asBoolean()).isTrue();
    }

    @Test
    void quotesUserValuesSoTheYamlStaysValid() throws Exception {
        URI odd = URI.create("https://discord.com/api/webhooks/1/tok%22en?x=%23y");
        String yml = new PrometheusExport(new ExportSettings(null, null, null, odd)).alertmanagerYml();

        assertThat(new YAMLMapper()
                        .readTree(yml)
                        .path("receivers")
                        .get(0)
                        .path("discord_configs")
                        .get(0)
                        .path("webhook_url")
                        .asText())
                .isEqualTo(odd.toString());
    }

    @Test
    void validatesSettingsNamingTheField() {
        assertThatThrownBy(() -> new ExportSettings("localhost", null, null, null))
                .hasMessage("controlPlane: localhost (expected: host:port)");
        assertThatThrownBy(() -> new ExportSettings(null, Duration.ofMillis(500), null, null))
                .hasMessage("scrapeInterval: PT0.5S (expected: whole seconds, at least 1s)");
    }

    @Test
    void serviceDiscoveryJsonIsPrometheusHttpSdFormat() throws Exception {
        String json = ServiceDiscovery.json(List.of(
                new SdTarget("127.0.0.1:40001", Map.of("service", "web", "task", "web-1a2b3c")),
                new SdTarget("127.0.0.1:40002", Map.of())));

        JsonNode groups = new ObjectMapper().readTree(json);
        assertThat(groups.isArray()).isTrue();
        assertThat(groups.get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:40001");
        assertThat(groups.get(0).path("labels").path("task").asText()).isEqualTo("web-1a2b3c");
        assertThat(groups.get(1).path("labels").isObject()).isTrue();
        assertThat(ServiceDiscovery.json(List.of())).isEqualTo("[]");
        assertThatThrownBy(() -> new SdTarget("http://127.0.0.1:1", Map.of()))
                .hasMessage("address: http://127.0.0.1:1 (expected: host:port)");
        assertThatThrownBy(() -> new SdTarget("127.0.0.1:1", Map.of("task-id", "x")))
                .hasMessage("label: task-id (expected: [a-zA-Z_][a-zA-Z0-9_]*)");
    }

    @Test
    void writesTheThreeFiles(@TempDir Path dir) throws Exception {
        List<Path> files = export.writeTo(dir.resolve("out"));

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("prometheus.yml", "gale-rules.yml", "alertmanager.yml");
        assertThat(files).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
    }
}
