package gale.control.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The vendored Kubernetes and Prometheus Operator schemas (src/test/resources/kubernetes-schemas), made strict the
 * way kubeconform's {@code -strict} is: every object schema that lists properties refuses others.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> CACHE = new HashMap<>();

    private KubernetesSchemas() {}

    /** Problems of one document (empty when it is valid), each as {@code kind name: path message}. */
    static List<String> validate(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        String label = kind + " " + document.path("metadata").path("name").asText();
        Schema schema = schema(apiVersion, kind);
        if (schema == null) {
            return List.of(label + ": no vendored schema for " + apiVersion + " " + kind);
        }
        try {
            return schema.validate(JSON.writeValueAsString(document), InputFormat.JSON).stream()
                    .map(e -> label + ": " + e.getInstanceLocation() + " " + e.getMessage())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML text, as a person's kubectl would read it. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static synchronized Schema schema(String apiVersion, String kind) {
        String file = (apiVersion.contains("/") ? apiVersion.replace('/', '-') : apiVersion) + "-"
                + kind.toLowerCase(java.util.Locale.ROOT) + ".json";
        return CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = KubernetesSchemas.class.getResourceAsStream("/kubernetes-schemas/" + f)) {
                if (in == null) {
                    return null;
                }
                JsonNode root = JSON.readTree(in);
                strict(root);
                return REGISTRY.getSchema(JSON.writeValueAsString(root), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** kubeconform's -strict: additionalProperties false wherever properties are listed and others not allowed. */
    static void strict(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            JsonNode properties = o.get("properties");
            if (properties != null
                    && properties.isObject()
                    && properties.size() > 0
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                strict(it.next());
            }
        } else if (node.isArray()) {
            node.forEach(KubernetesSchemas::strict);
        }
    }
}
