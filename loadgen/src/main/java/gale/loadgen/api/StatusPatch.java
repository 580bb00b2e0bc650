package gale.loadgen.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code PATCH /v1/status}: what to change, each null when unchanged. The body is k6's envelope
 * ({@code {"data":{"attributes":{"vus":5}}}}, what k6's own client sends) or the bare attributes ({@code {"vus":5}}).
 * The read-only attributes of a status ({@code running}, {@code status}, {@code tainted} and the live counts) may be
 * sent back and change nothing; any other name is refused.
 */
public record StatusPatch(Integer vus, Integer vusMax, Boolean paused, Boolean stopped) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> READ_ONLY = Set.of(
            "running",
            "status",
            "tainted",
            "vus-active",
            "vus-allocated",
            "iterations",
            "http-reqs",
            "http-req-failed",
            "elapsed");

    public static StatusPatch parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(
                    400,
                    "the body is not JSON (expected: {\"vus\": N} or k6's" + " {\"data\":{\"attributes\":{...}}})");
        }
        JsonNode a = root != null && root.has("data") ? root.path("data").path("attributes") : root;
        if (a == null || !a.isObject()) {
            throw new ApiException(
                    400,
                    "the body is not an object (expected: {\"vus\": N} or k6's"
                            + " {\"data\":{\"attributes\":{...}}})");
        }
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!READ_ONLY.contains(name)
                    && !Set.of("vus", "vus-max", "paused", "stopped").contains(name)) {
                throw new ApiException(
                        400,
                        "'" + name + "' is not a status attribute (expected: vus, vus-max, paused" + " or stopped)");
            }
        }
        return new StatusPatch(integer(a, "vus"), integer(a, "vus-max"), bool(a, "paused"), bool(a, "stopped"));
    }

    /** k6's envelope, as {@code k6 scale} sends it. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode a = RunStatus.attributes(root);
        if (vus != null) {
            a.put("vus", vus);
        }
        if (vusMax != null) {
            a.put("vus-max", vusMax);
        }
        if (paused != null) {
            a.put("paused", paused);
        }
        if (stopped != null) {
            a.put("stopped", stopped);
        }
        return root.toString();
    }

    private static Integer integer(JsonNode a, String name) {
        JsonNode v = a.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ApiException(400, name + ": " + v + " (expected: a whole number)");
        }
        return v.intValue();
    }

    private static Boolean bool(JsonNode a, String name) {
        JsonNode v = a.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new ApiException(400, name + ": " + v + " (expected: true or false)");
        }
        return v.booleanValue();
    }
}
