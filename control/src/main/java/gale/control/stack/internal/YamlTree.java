package gale.control.stack.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import gale.control.stack.StackFileException;
import gale.control.stack.internal.YamlNode.Entry;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.Mark;
import gale.control.stack.internal.YamlNode.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML through Jackson's streaming parser into {@link YamlNode}s that keep their line and column: Jackson's own
 * tree forgets where a value was written, and an error without a place is half an error.
 */
public final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final JsonParser parser;

    private YamlTree(String file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** The single document in {@code text}, or empty when the text holds none (an empty file). */
    public static Optional<YamlNode> parse(String file, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(file, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = tree.read(first, "");
            JsonToken next = parser.nextToken();
            if (next != null) {
                Mark mark = tree.mark();
                throw new StackFileException(
                        file, mark.line(), mark.column(), "", "a second document (expected: one document per file)");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
            throw new StackFileException(
                    file,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "",
                    "invalid YAML: " + message);
        } catch (IOException e) {
            throw new StackFileException(file, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private YamlNode read(JsonToken token, String path) throws IOException {
        Mark mark = mark();
        return switch (token) {
            case START_OBJECT -> readMap(mark, path);
            case START_ARRAY -> readList(mark, path);
            case VALUE_STRING -> new ScalarNode(mark, parser.getText(), ScalarNode.Kind.STRING);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new ScalarNode(mark, parser.getText(), ScalarNode.Kind.NUMBER);
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(mark, parser.getText(), ScalarNode.Kind.BOOLEAN);
            case VALUE_NULL -> new ScalarNode(mark, null, ScalarNode.Kind.NULL);
            default ->
                throw new StackFileException(file, mark.line(), mark.column(), path, "unexpected YAML token " + token);
        };
    }

    private MapNode readMap(Mark mark, String path) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            Mark keyMark = mark();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = read(parser.nextToken(), keyPath);
            if (entries.putIfAbsent(key, new Entry(key, keyMark, value)) != null) {
                throw new StackFileException(
                        file, keyMark.line(), keyMark.column(), keyPath, "written twice (expected: each key once)");
            }
        }
        return new MapNode(mark, entries);
    }

    private ListNode readList(Mark mark, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(read(t, path + "[" + items.size() + "]"));
        }
        return new ListNode(mark, items);
    }

    private Mark mark() {
        JsonLocation at = parser.currentTokenLocation();
        return new Mark(at.getLineNr(), at.getColumnNr());
    }
}
