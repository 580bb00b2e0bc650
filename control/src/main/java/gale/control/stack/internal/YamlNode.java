package gale.control.stack.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the place it was written, so every stack file error can name its line and column. */
public sealed interface YamlNode {

    Mark mark();

    /** Where a node starts in the file (1-based). */
    record Mark(int line, int column) {}

    /** A mapping; keys keep their order and their own marks. */
    record MapNode(Mark mark, Map<String, Entry> entries) implements YamlNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** One key of a mapping with its value. */
    record Entry(String key, Mark keyMark, YamlNode value) {}

    record ListNode(Mark mark, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /** A scalar as written; {@code text} is null for YAML's null, {@code quoted} tells "8080" from 8080. */
    record ScalarNode(Mark mark, String text, Kind kind) implements YamlNode {
        public enum Kind {
            STRING,
            NUMBER,
            BOOLEAN,
            NULL
        }
    }

    static String describe(YamlNode node) {
        return switch (node) {
            case MapNode m -> "a mapping";
            case ListNode l -> "a list";
            case ScalarNode s when s.kind() == ScalarNode.Kind.NULL -> "null";
            case ScalarNode s when s.kind() == ScalarNode.Kind.STRING -> '"' + s.text() + '"';
            case ScalarNode s -> s.text();
        };
    }
}
