package gale.control.experiment.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.stack.internal.YamlNode;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.ScalarNode;
import java.math.BigDecimal;

/** A YAML subtree as JSON: the form the load-plan parser and the fault API read. */
final class YamlJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlJson() {}

    static JsonNode of(YamlNode node) {
        return switch (node) {
            case MapNode map -> {
                ObjectNode object = NODES.objectNode();
                map.entries().forEach((key, e) -> object.set(key, of(e.value())));
                yield object;
            }
            case ListNode list -> {
                var array = NODES.arrayNode();
                list.items().forEach(item -> array.add(of(item)));
                yield array;
            }
            case ScalarNode s ->
                switch (s.kind()) {
                    case NULL -> NODES.nullNode();
                    case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(s.text()));
                    case NUMBER -> number(s.text());
                    case STRING -> NODES.textNode(s.text());
                };
        };
    }

    private static JsonNode number(String text) {
        try {
            return NODES.numberNode(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return NODES.numberNode(new BigDecimal(text));
        }
    }
}
