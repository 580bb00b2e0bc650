package gale.control.kubernetes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ordered maps and lists for manifests: Jackson writes them in the order Kubernetes' docs show the keys. */
final class Tree {

    private Tree() {}

    /** A map of alternating keys and values; null values are left out (an unset field, not a YAML null). */
    static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues: " + keysAndValues.length + " (expected: an even count)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A whole object: apiVersion, kind, metadata (name, namespace, labels), then {@code rest}. */
    static Map<String, Object> object(
            String apiVersion, String kind, String name, String namespace, Map<String, String> labels, Object... rest) {
        Map<String, Object> out = map(
                "apiVersion", apiVersion,
                "kind", kind,
                "metadata", map("name", name, "namespace", namespace, "labels", labels.isEmpty() ? null : labels));
        out.putAll(map(rest));
        return out;
    }

    /** Labels in the order given. */
    static Map<String, String> labels(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Whole seconds, at least {@code min}: Kubernetes takes durations as integer seconds. */
    static int seconds(java.time.Duration d, int min) {
        long s = (d.toMillis() + 999) / 1000;
        return (int) Math.max(min, Math.min(Integer.MAX_VALUE, s));
    }
}
