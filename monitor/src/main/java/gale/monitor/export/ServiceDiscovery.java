package gale.monitor.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeMap;

/**
 * The body of {@code GET /api/sd}: Prometheus' HTTP service discovery format, a JSON array of target groups
 * {@code [{"targets": ["127.0.0.1:PORT"], "labels": {...}}]}, one group per target so each keeps its own labels.
 * Serve it with {@code Content-Type: application/json}.
 */
public final class ServiceDiscovery {
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceDiscovery() {}

    public static String json(List<SdTarget> targets) {
        ArrayNode groups = JSON.createArrayNode();
        for (SdTarget target : targets) {
            ObjectNode group = groups.addObject();
            group.putArray("targets").add(target.address());
            ObjectNode labels = group.putObject("labels");
            new TreeMap<>(target.labels()).forEach(labels::put);
        }
        try {
            return JSON.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
