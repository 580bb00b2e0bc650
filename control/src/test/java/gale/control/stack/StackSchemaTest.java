package gale.control.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JSON Schema in docs/ knows every key the examples use, and every example is a stack Gale accepts. */
class StackSchemaTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path SCHEMA = Path.of("..", "docs", "stack-file.schema.json");

    @Test
    void everyExampleParsesAndUsesOnlyKeysTheSchemaKnows() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        List<Path> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples =
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);

        for (Path example : examples) {
            StackFile.load(example);
            List<String> unknown = new ArrayList<>();
            walk(new YAMLMapper().readTree(example.toFile()), schema, "", unknown);
            assertThat(unknown).as(example.toString()).isEmpty();
        }
    }

    @Test
    void schemaFlagsAKeyItDoesNotKnow() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        List<String> unknown = new ArrayList<>();

        walk(new YAMLMapper().readTree("targetGroups:\n  web:\n    helthCheck: {}\n"), schema, "", unknown);

        assertThat(unknown).containsExactly("targetGroups.web.helthCheck");
    }

    /** Structural check only: object keys against properties / additionalProperties, list items against items. */
    private static void walk(JsonNode value, JsonNode schema, String path, List<String> unknown) {
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    walk(field.getValue(), properties.get(field.getKey()), child, unknown);
                } else if (additional.isObject()) {
                    walk(field.getValue(), additional, child, unknown);
                } else {
                    unknown.add(child);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), schema.get("items"), path + "[" + i + "]", unknown);
            }
        }
    }
}
