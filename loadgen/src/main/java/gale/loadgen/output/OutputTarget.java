package gale.loadgen.output;

import gale.loadgen.plan.PlanException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code --out TYPE=TARGET} (k6's form): {@code json=FILE} and {@code csv=FILE} (every sample as k6's points),
 * {@code hdr=FILE} (an HdrHistogram interval log of http_req_duration), {@code prometheus=HOST:PORT} (an OpenMetrics
 * endpoint during the run) or {@code series=FILE} (the 1-second series, CSV by extension, else JSON lines). A value
 * without a known {@code TYPE=} is a series file, as {@code -o FILE} always was.
 */
public record OutputTarget(Type type, String target) {

    public enum Type {
        JSON,
        CSV,
        HDR,
        PROMETHEUS,
        SERIES
    }

    public OutputTarget {
        Objects.requireNonNull(type, "type");
        if (target == null || target.isBlank()) {
            throw new PlanException("--out: '" + type.name().toLowerCase(Locale.ROOT) + "=' (expected: "
                    + (type == Type.PROMETHEUS ? "HOST:PORT" : "a file") + " after '=')");
        }
    }

    public static OutputTarget parse(String text) {
        int eq = text.indexOf('=');
        if (eq > 0) {
            String type = text.substring(0, eq).toLowerCase(Locale.ROOT);
            for (Type t : Type.values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(type)) {
                    return new OutputTarget(t, text.substring(eq + 1));
                }
            }
            if (type.matches("[a-z-]+")) {
                throw new PlanException("--out: '" + text + "' (expected: json=FILE, csv=FILE, hdr=FILE,"
                        + " prometheus=HOST:PORT or series=FILE)");
            }
        }
        return new OutputTarget(Type.SERIES, text);
    }

    public Path file() {
        return Path.of(target);
    }
}
