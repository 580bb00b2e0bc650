package gale.control.experiment.file;

import gale.control.stack.StackFileException;
import gale.control.stack.internal.YamlNode;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places a plan parser's error ({@code scenarios.s.stages[2].target: -5 (expected: >= 0)}) at the line of the field it
 * names in the YAML the plan was read from, so a plan inside an experiment is placed like the rest of the file.
 */
final class PlanErrors {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private PlanErrors() {}

    /**
     * @param file the file the plan's YAML is in
     * @param prefix the plan's field path in that file ({@code method.load}, or empty for a plan file)
     */
    static StackFileException place(String file, String prefix, YamlNode plan, String message) {
        int colon = message.indexOf(": ");
        String path = colon > 0 ? message.substring(0, colon) : "";
        YamlNode at = path.contains(" ") ? plan : find(plan, path);
        String field = path.isEmpty() || at == plan ? prefix : (prefix.isEmpty() ? path : prefix + "." + path);
        String problem = at == plan || path.isEmpty() ? message : message.substring(colon + 2);
        return new StackFileException(file, at.mark().line(), at.mark().column(), field, problem);
    }

    /** The node at {@code path}, or the deepest one on the way to it that exists. */
    private static YamlNode find(YamlNode root, String path) {
        YamlNode node = root;
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            YamlNode next = null;
            if (m.group(1) != null
                    && node instanceof MapNode map
                    && map.entries().containsKey(m.group(1))) {
                next = map.entries().get(m.group(1)).value();
            } else if (m.group(2) != null && node instanceof ListNode list) {
                int i = Integer.parseInt(m.group(2));
                next = i < list.items().size() ? list.items().get(i) : null;
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }
}
