package gale.loadgen.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/status}: k6's attributes ({@code running}, {@code paused}, {@code stopped}, {@code vus},
 * {@code vus-max}) and the live counts Gale adds. For a test without an externally-controlled scenario {@code vus}
 * is the VUs in an iteration and {@code vus-max} the VUs allocated, as the gauges are.
 *
 * @param vus the VUs asked for (externally-controlled), or in an iteration
 * @param vusMax the most VUs the test may hold (the plan's maxVUs)
 * @param vusActive VUs in an iteration now, over every scenario (the {@code vus} gauge)
 * @param vusAllocated VUs created so far, over every scenario (the {@code vus_max} gauge)
 * @param elapsedSeconds since the test started
 */
public record RunStatus(
        boolean running,
        boolean paused,
        boolean stopped,
        int vus,
        int vusMax,
        int vusActive,
        int vusAllocated,
        long iterations,
        long httpReqs,
        long httpReqFailed,
        double elapsedSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** k6's JSON:API envelope, {@code {"data":{"type":"status","id":"default","attributes":{...}}}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode a = attributes(root);
        a.put("running", running);
        a.put("paused", paused);
        a.put("stopped", stopped);
        a.put("vus", vus);
        a.put("vus-max", vusMax);
        a.put("vus-active", vusActive);
        a.put("vus-allocated", vusAllocated);
        a.put("iterations", iterations);
        a.put("http-reqs", httpReqs);
        a.put("http-req-failed", httpReqFailed);
        a.put("elapsed", Math.round(elapsedSeconds * 1000) / 1000.0);
        return root.toString();
    }

    /** Puts k6's envelope in {@code root} and returns its attributes object. */
    static ObjectNode attributes(ObjectNode root) {
        ObjectNode data = root.putObject("data");
        data.put("type", "status");
        data.put("id", "default");
        return data.putObject("attributes");
    }

    /** Reads {@link #toJson()}'s form back (the CLI's side). */
    public static RunStatus fromJson(String text) {
        try {
            JsonNode a = JSON.readTree(text).path("data").path("attributes");
            if (!a.isObject()) {
                throw new ApiException(502, "not a status from gale load: " + abbreviate(text));
            }
            return new RunStatus(
                    a.path("running").asBoolean(),
                    a.path("paused").asBoolean(),
                    a.path("stopped").asBoolean(),
                    a.path("vus").asInt(),
                    a.path("vus-max").asInt(),
                    a.path("vus-active").asInt(),
                    a.path("vus-allocated").asInt(),
                    a.path("iterations").asLong(),
                    a.path("http-reqs").asLong(),
                    a.path("http-req-failed").asLong(),
                    a.path("elapsed").asDouble());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(502, "not JSON from gale load: " + abbreviate(text));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
