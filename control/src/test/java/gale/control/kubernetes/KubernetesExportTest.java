package gale.control.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesExportTest {

    static Stream<Path> examples() throws IOException {
        Path dir = Path.of("..", "examples");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleStackExportsValidManifests(Path example) {
        StackConfig stack = StackFile.load(example);
        List<JsonNode> docs = documents(KubernetesExport.export(stack, KubernetesOptions.DEFAULTS));

        List<String> problems = new ArrayList<>();
        docs.forEach(d -> problems.addAll(KubernetesSchemas.validate(d)));

        assertThat(problems).isEmpty();
        List<String> kinds = docs.stream().map(d -> d.path("kind").asText()).toList();
        assertThat(kinds).contains("Service", "Ingress", "ConfigMap");
        assertThat(kinds.stream().filter("Deployment"::equals))
                .hasSize(stack.services().size());
        assertThat(kinds.stream().filter("PodDisruptionBudget"::equals))
                .hasSize(stack.services().size());
    }

    @Test
    void fullStackCarriesEveryMappedKey() {
        StackConfig stack = StackFile.load(Path.of("..", "examples", "full.yaml"));
        List<JsonNode> docs = documents(KubernetesExport.export(stack, KubernetesOptions.DEFAULTS));

        JsonNode api = find(docs, "Deployment", "api");
        JsonNode container = api.at("/spec/template/spec/containers/0");
        assertThat(api.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(container.at("/resources/limits/cpu").asText()).isEqualTo("500m");
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("256Mi");
        assertThat(container.at("/command").toString()).contains("\"8080\"").doesNotContain("{port}");
        JsonNode web = find(docs, "Deployment", "web");
        assertThat(web.at("/spec/strategy/rollingUpdate/maxUnavailable").asText())
                .isEqualTo("0%");
        assertThat(web.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("100%");
        JsonNode probe = web.at("/spec/template/spec/containers/0/readinessProbe");
        assertThat(probe.at("/httpGet/path").asText()).isEqualTo("/health");
        assertThat(probe.at("/periodSeconds").asInt()).isEqualTo(2);
        assertThat(probe.at("/successThreshold").asInt()).isEqualTo(2);
        // preStop for the 10 s deregistration delay, then the 30 s stop timeout.
        assertThat(web.at("/spec/template/spec/containers/0/lifecycle/preStop/exec/command/1")
                        .asText())
                .isEqualTo("10");
        assertThat(web.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .isEqualTo(40);
        JsonNode ingress = find(docs, "Ingress", "gale");
        assertThat(ingress.at("/spec/defaultBackend/service/name").asText()).isEqualTo("web");
        assertThat(ingress.at("/spec/rules").toString())
                .contains("\"path\":\"/api\"")
                .contains("\"host\":\"admin.localhost\"");
    }

    @Test
    void autoscalingAndAlarmsBecomeHpaAndPrometheusOperatorObjects() {
        StackConfig stack = StackFile.load(Path.of("..", "examples", "autoscaling.yaml"));
        List<Manifest> manifests = KubernetesExport.export(stack, KubernetesOptions.DEFAULTS);
        List<JsonNode> docs = documents(manifests);

        JsonNode hpa = find(docs, "HorizontalPodAutoscaler", "web");
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt())
                .isEqualTo(50);
        assertThat(hpa.at("/spec/behavior/scaleUp/policies/0/periodSeconds").asInt())
                .isEqualTo(5);
        assertThat(hpa.at("/spec/behavior/scaleDown/policies/0/periodSeconds").asInt())
                .isEqualTo(20);
        JsonNode rule = find(docs, "PrometheusRule", "gale-alarms");
        assertThat(rule.at("/spec/groups/0/rules/0/expr").asText())
                .isEqualTo("sum(increase(nginx_ingress_controller_requests{exported_namespace=\"default\","
                        + "exported_service=\"web\",status=~\"5..\"}[5s])) > 0");
        // The Discord notifier has no receiver in this CRD version: said in a comment, not dropped in silence.
        String text = String.join("\n", ManifestWriter.render(manifests).values());
        assertThat(text).contains("# note: notifier ops (discord) not exported");
    }

    @Test
    void managedServersBecomeStatefulSetsWithAVolumeClaim() {
        for (DataTier.Engine engine : DataTier.Engine.values()) {
            List<Manifest> manifests = DataTier.statefulSet("database", engine, KubernetesOptions.DEFAULTS).stream()
                    .map(body -> new Manifest("data.yaml", body, List.of()))
                    .toList();
            List<JsonNode> docs = documents(manifests);
            List<String> problems = new ArrayList<>();
            docs.forEach(d -> problems.addAll(KubernetesSchemas.validate(d)));
            assertThat(problems).as(engine.name()).isEmpty();
            assertThat(find(docs, "StatefulSet", "database")
                            .at("/spec/volumeClaimTemplates/0/spec/resources")
                            .toString())
                    .contains(DataTier.STORAGE);
        }
    }

    @Test
    void managedDatabaseAndCacheOfAStackAreExportedAndTheTasksPointAtThem() {
        StackConfig stack = StackFile.load(Path.of("..", "examples", "data-tier.yaml"));
        List<JsonNode> docs = documents(KubernetesExport.export(stack, KubernetesOptions.DEFAULTS));

        assertThat(find(docs, "StatefulSet", "database")
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("mariadb:10.11");
        assertThat(find(docs, "StatefulSet", "cache")
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("redis:7.0");
        assertThat(find(docs, "Service", "database").at("/spec/clusterIP").asText())
                .isEqualTo("None");
        String env = find(docs, "Deployment", "web")
                .at("/spec/template/spec/containers/0/env")
                .toString();
        assertThat(env)
                .contains("{\"name\":\"GALE_DB_URL\",\"value\":\"jdbc:mariadb://database:3306/gale\"}")
                .contains("{\"name\":\"GALE_CACHE_URL\",\"value\":\"redis://cache:6379\"}")
                .contains("{\"name\":\"GALE_CACHE_ENGINE\",\"value\":\"redis\"}");
    }

    @Test
    void loadJobRunsSegmentsInAnIndexedJobAndMergesThem() {
        List<Manifest> manifests = KubernetesExport.load("scenarios: {}\n", 4, KubernetesOptions.DEFAULTS);
        List<JsonNode> docs = documents(manifests);

        List<String> problems = new ArrayList<>();
        docs.forEach(d -> problems.addAll(KubernetesSchemas.validate(d)));
        assertThat(problems).isEmpty();
        JsonNode workers = find(docs, "Job", "gale-load");
        assertThat(workers.at("/spec/completionMode").asText()).isEqualTo("Indexed");
        assertThat(workers.at("/spec/completions").asInt()).isEqualTo(4);
        assertThat(workers.at("/spec/template/spec/containers/0/command/2").asText())
                .contains("--execution-segment \"$JOB_COMPLETION_INDEX/4:$((JOB_COMPLETION_INDEX + 1))/4\"")
                .contains("--execution-segment-sequence 0,1/4,2/4,3/4,1");
        assertThat(find(docs, "Job", "gale-load-merge")
                        .at("/spec/template/spec/containers/0/command/2")
                        .asText())
                .startsWith("gale load merge /results/worker-*.json");
    }

    @Test
    void brokenManifestsFailValidation() {
        StackConfig stack = StackFile.load(Path.of("..", "examples", "full.yaml"));
        JsonNode deployment =
                find(documents(KubernetesExport.export(stack, KubernetesOptions.DEFAULTS)), "Deployment", "web");
        assertThat(KubernetesSchemas.validate(deployment)).isEmpty();

        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.get("spec")).put("replicas", "two");
        assertThat(KubernetesSchemas.validate(wrongType)).anyMatch(p -> p.contains("replicas"));

        ObjectNode missingRequired = deployment.deepCopy();
        ((ObjectNode) missingRequired.get("spec")).remove("selector");
        assertThat(KubernetesSchemas.validate(missingRequired)).anyMatch(p -> p.contains("selector"));

        ObjectNode unknownField = deployment.deepCopy();
        ((ObjectNode) unknownField.at("/spec/template/spec/containers/0")).put("livenessProbes", "typo");
        assertThat(KubernetesSchemas.validate(unknownField)).anyMatch(p -> p.contains("livenessProbes"));
    }

    private static List<JsonNode> documents(List<Manifest> manifests) {
        List<JsonNode> docs = new ArrayList<>();
        for (Map.Entry<String, String> file : ManifestWriter.render(manifests).entrySet()) {
            docs.addAll(KubernetesSchemas.documents(file.getValue()));
        }
        return docs;
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals(kind)
                        && d.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
