package gale.loadgen.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** A YAML node with its path from the root, so every error names the field: {@code scenarios.a.stages[2].target}. */
record PlanNode(String path, JsonNode node) {

    PlanNode child(String key) {
        return new PlanNode(path.isEmpty() ? key : path + "." + key, node.get(key));
    }

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    /** Rejects keys this object may not have, listing those it may. */
    PlanNode allowOnly(Set<String> keys) {
        object();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new PlanException((path.isEmpty() ? "" : path + ".") + key + ": unknown key (expected one of: "
                        + String.join(", ", new TreeSet<>(keys)) + ")");
            }
        }
        return this;
    }

    PlanNode object() {
        if (node == null || !node.isObject()) {
            throw fail(describe(), "a mapping of keys to values");
        }
        return this;
    }

    Map<String, PlanNode> entries() {
        object();
        Map<String, PlanNode> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), child(e.getKey())));
        return out;
    }

    List<PlanNode> items() {
        if (node == null || !node.isArray()) {
            throw fail(describe(), "a list");
        }
        List<PlanNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new PlanNode(path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    String text() {
        if (node == null || !node.isValueNode()) {
            throw fail(describe(), "a value");
        }
        return node.asText();
    }

    String text(String key, String otherwise) {
        return has(key) ? child(key).text() : otherwise;
    }

    long integer(String key, long otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        JsonNode v = node.get(key);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw child(key).fail(child(key).describe(), "a whole number");
        }
        return v.asLong();
    }

    long requiredInteger(String key) {
        if (!has(key)) {
            throw child(key).fail("missing", "a whole number");
        }
        return integer(key, 0);
    }

    int intValue(String key, int otherwise) {
        long v = integer(key, otherwise);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw child(key).fail(v, "at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    Duration duration(String key, Duration otherwise) {
        return has(key) ? Durations.parse(child(key).path, child(key).text()) : otherwise;
    }

    Duration requiredDuration(String key) {
        if (!has(key)) {
            throw child(key).fail("missing", "a duration like 30s");
        }
        return duration(key, null);
    }

    boolean bool(String key) {
        if (!has(key)) {
            return false;
        }
        if (!node.get(key).isBoolean()) {
            throw child(key).fail(child(key).describe(), "true or false");
        }
        return node.get(key).asBoolean();
    }

    Map<String, String> strings(String key) {
        if (!has(key)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        child(key).entries().forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    /** Runs {@code build}, prefixing a validation error from a record's constructor with this node's path. */
    <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (PlanException e) {
            if (path.isEmpty() || e.getMessage().startsWith(path)) {
                throw e;
            }
            throw new PlanException(path + "." + e.getMessage(), e);
        }
    }

    PlanException fail(Object value, String expected) {
        return PlanException.field(path, value, expected);
    }

    private String describe() {
        if (node == null || node.isNull()) {
            return "missing";
        }
        return node.isValueNode()
                ? "'" + node.asText() + "'"
                : node.getNodeType().name().toLowerCase();
    }
}
