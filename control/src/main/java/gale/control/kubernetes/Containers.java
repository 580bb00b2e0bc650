package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.balancer.HealthCheckConfig;
import gale.balancer.TargetGroupConfig;
import gale.control.stack.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's container: the command, its environment, probes from the target group's health check, resources from
 * {@code cpu}/{@code memory}, and a preStop that outlasts the deregistration delay.
 */
final class Containers {

    /** Every task listens here; Gale's {@code {port}} and {@code PORT} carry it, as on one machine. */
    static final int PORT = 8080;

    /** What Kubernetes' httpGet probe counts as success; other success codes cannot be said to it. */
    private static final String PROBE_SUCCESS = "200-399";

    private Containers() {}

    static Map<String, Object> container(
            String name,
            ServiceSpec spec,
            TargetGroupConfig group,
            Map<String, String> stackEnv,
            KubernetesOptions options,
            List<String> notes) {
        Map<String, Object> c = map("name", name, "image", options.image());
        if (spec.builtInApp()) {
            // The app reads its whole config from the environment, as a task launched by the fleet does.
            c.put("command", list("gale", "app", "--env"));
        } else {
            c.put(
                    "command",
                    new ArrayList<Object>(spec.command().stream()
                            .map(arg -> arg.replace("{port}", String.valueOf(PORT)))
                            .toList()));
            if (spec.command().stream().anyMatch(arg -> arg.contains("127.0.0.1") || arg.equals("localhost"))) {
                notes.add("the command binds the loopback address; in a pod probes and the Service reach the pod's"
                        + " IP, so bind 0.0.0.0");
            }
        }
        spec.workingDirectory().ifPresent(dir -> c.put("workingDir", dir));
        c.put("ports", list(map("name", "http", "containerPort", PORT, "protocol", "TCP")));
        Map<String, String> env = new TreeMap<>(stackEnv);
        env.putAll(spec.env());
        env.put("PORT", String.valueOf(PORT));
        if (spec.builtInApp()) {
            // Every address: the kubelet's probes and the Service reach the pod's IP, not its loopback.
            env.put("GALE_HOST", "0.0.0.0");
        }
        List<Object> vars = new ArrayList<>();
        env.forEach((k, v) -> vars.add(map("name", k, "value", v)));
        // The pod's name is the task id, as /whoami shows it.
        vars.add(map("name", "GALE_TASK_ID", "valueFrom", map("fieldRef", map("fieldPath", "metadata.name"))));
        c.put("env", vars);
        Map<String, Object> resources = resources(spec);
        if (!resources.isEmpty()) {
            c.put("resources", map("requests", resources, "limits", resources));
        }
        if (group != null) {
            HealthCheckConfig h = group.healthCheck();
            c.put("readinessProbe", probe(h, h.healthyThreshold(), 0));
            // Liveness: success is always 1 in Kubernetes; the grace period keeps a slow first start from a restart.
            c.put("livenessProbe", probe(h, 1, Tree.seconds(spec.healthCheckGracePeriod(), 0)));
            if (!PROBE_SUCCESS.equals(h.successCodes())) {
                notes.add("healthCheck.successCodes " + h.successCodes() + " not mapped: an httpGet probe succeeds on"
                        + " 200-399 only");
            }
            if (h.interval().toMillis() % 1000 != 0 || h.timeout().toMillis() % 1000 != 0) {
                notes.add("healthCheck interval/timeout rounded up to whole seconds (probes take seconds)");
            }
            // The pod leaves the Service's endpoints when deletion starts; preStop keeps it serving what the
            // ingress still sends it for the deregistration delay, then SIGTERM gets the stop timeout.
            int delay = Tree.seconds(group.deregistrationDelay(), 0);
            if (delay > 0) {
                c.put("lifecycle", map("preStop", map("exec", map("command", list("sleep", String.valueOf(delay))))));
            }
        }
        return c;
    }

    private static Map<String, Object> probe(HealthCheckConfig h, int success, int initialDelay) {
        return map(
                "httpGet", map("path", h.path(), "port", "http"),
                "initialDelaySeconds", initialDelay > 0 ? initialDelay : null,
                "periodSeconds", Tree.seconds(h.interval(), 1),
                "timeoutSeconds", Tree.seconds(h.timeout(), 1),
                "successThreshold", success,
                "failureThreshold", h.unhealthyThreshold());
    }

    private static Map<String, Object> resources(ServiceSpec spec) {
        Map<String, Object> r = map();
        spec.cpu().ifPresent(cpu -> r.put("cpu", Math.round(cpu * 1000) + "m"));
        spec.memoryBytes().ifPresent(bytes -> r.put("memory", memory(bytes)));
        return r;
    }

    static String memory(long bytes) {
        long mib = 1024L * 1024;
        return bytes % mib == 0 ? (bytes / mib) + "Mi" : String.valueOf(bytes);
    }
}
