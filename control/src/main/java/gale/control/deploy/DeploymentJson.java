package gale.control.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Deployments as the admin API writes them (docs/api.md). */
public final class DeploymentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentJson() {}

    public static ObjectNode toJson(DeploymentSnapshot d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", d.id());
        node.put("service", d.service());
        node.put("revision", d.revision());
        ArrayNode from = node.putArray("fromRevisions");
        d.fromRevisions().forEach(from::add);
        node.put("strategy", d.strategy().label());
        node.put("state", d.state().name());
        node.put("step", d.step());
        node.put("progress", Math.round(d.progress() * 1000) / 1000.0);
        node.put("startedAt", d.startedAt().toString());
        node.put("endedAt", d.endedAt() == null ? null : d.endedAt().toString());
        node.put("tookMs", d.took().toMillis());
        node.put("reason", d.reason());
        if (d.rollbackOf() == null) {
            node.putNull("rollbackOf");
        } else {
            node.put("rollbackOf", d.rollbackOf());
        }
        return node;
    }

    public static ArrayNode toJson(List<DeploymentSnapshot> deployments) {
        ArrayNode array = JSON.createArrayNode();
        deployments.forEach(d -> array.add(toJson(d)));
        return array;
    }
}
