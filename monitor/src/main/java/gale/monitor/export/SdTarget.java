package gale.monitor.export;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One scrape target for Prometheus' HTTP service discovery: {@code host:port} and its labels (e.g. {@code service},
 * {@code task}, {@code target_group}).
 */
public record SdTarget(String address, Map<String, String> labels) {
    private static final Pattern ADDRESS = Pattern.compile("^[^\\s/:]+:\\d{1,5}$|^\\[[0-9a-fA-F:.]+]:\\d{1,5}$");
    private static final Pattern LABEL = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    public SdTarget {
        requireNonNull(address, "address");
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("address: " + address + " (expected: host:port)");
        }
        labels = Map.copyOf(requireNonNull(labels, "labels"));
        for (String name : labels.keySet()) {
            if (!LABEL.matcher(name).matches()) {
                throw new IllegalArgumentException("label: " + name + " (expected: [a-zA-Z_][a-zA-Z0-9_]*)");
            }
        }
    }
}
