package gale.control.experiment.file;

import gale.control.experiment.Mode;
import gale.control.stack.internal.YamlNode;
import gale.control.stack.internal.YamlNode.Entry;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks one side of every {@code {short: X, full: Y}} in an experiment file, anywhere in it (inline stack and plan
 * included), before anything reads it: one file holds both runs, and no reader needs to know. A mapping whose keys
 * are exactly {@code short} and {@code full} is such a pair; the chosen value keeps its own line and column.
 */
final class ShortOrFull {

    private static final Set<String> KEYS = Set.of("short", "full");

    private ShortOrFull() {}

    static YamlNode resolve(YamlNode node, Mode mode) {
        return switch (node) {
            case MapNode map
            when map.entries().keySet().equals(KEYS) ->
                resolve(map.entries().get(mode.key()).value(), mode);
            case MapNode map -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                map.entries()
                        .forEach((key, e) -> entries.put(key, new Entry(key, e.keyMark(), resolve(e.value(), mode))));
                yield new MapNode(map.mark(), entries);
            }
            case ListNode list -> {
                List<YamlNode> items = new ArrayList<>();
                list.items().forEach(item -> items.add(resolve(item, mode)));
                yield new ListNode(list.mark(), items);
            }
            case ScalarNode scalar -> scalar;
        };
    }
}
