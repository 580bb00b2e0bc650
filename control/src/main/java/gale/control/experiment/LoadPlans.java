package gale.control.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An experiment's load plan against the stack it runs on: every URL written as a path ({@code /}, {@code /seed})
 * goes to the stack's listener, whose port is known only once the stack runs. Then the plan file's own parser reads
 * it, so a plan means the same in {@code gale load -f} and in an experiment.
 */
public final class LoadPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadPlans() {}

    /** The plan against {@code target} (like {@code http://127.0.0.1:41234/}). */
    public static LoadPlan against(Method.Load load, URI target) {
        JsonNode plan = read(load.planJson());
        rewrite(plan, target, false);
        return new PlanParser().parse(plan.toString(), load.baseDir());
    }

    /** The sample that measures traffic probes before and after the method: {@code vus} users on one path. */
    public static LoadPlan sample(URI target, String path, int vus, Duration duration) {
        ObjectNode plan = JSON.createObjectNode();
        ObjectNode scenario = plan.putObject("scenarios").putObject("sample");
        scenario.put("executor", "constant-vus");
        scenario.put("vus", vus);
        scenario.put("duration", duration.toMillis() + "ms");
        scenario.putArray("requests").add(resolve(target, path));
        return new PlanParser().parse(plan.toString());
    }

    private static void rewrite(JsonNode node, URI target, boolean requestList) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("url")
                        && value.isTextual()
                        && value.asText().startsWith("/")) {
                    field.setValue(TextNode.valueOf(resolve(target, value.asText())));
                } else {
                    rewrite(value, target, field.getKey().equals("requests"));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (requestList && item.isTextual() && item.asText().startsWith("/")) {
                    array.set(i, TextNode.valueOf(resolve(target, item.asText())));
                } else {
                    rewrite(item, target, false);
                }
            }
        }
    }

    private static String resolve(URI target, String path) {
        String base = target.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
