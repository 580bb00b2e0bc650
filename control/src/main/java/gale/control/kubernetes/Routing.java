package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.balancer.Algorithm;
import gale.balancer.ListenerConfig;
import gale.balancer.ListenerLimits;
import gale.balancer.RuleConfig;
import gale.balancer.TargetGroupConfig;
import gale.control.stack.StackConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Target groups as Services (selecting the pods of every service that names the group) and the first listener's
 * rules as one Ingress. The Ingress's limits are ingress-nginx annotations.
 */
final class Routing {

    static final int SERVICE_PORT = 80;

    private Routing() {}

    static Map<String, Object> service(
            String galeName, TargetGroupConfig group, KubernetesOptions options, List<String> notes) {
        String name = KubernetesOptions.objectName(galeName);
        Map<String, Object> spec = map(
                "type",
                "ClusterIP",
                "ports",
                list(map("name", "http", "port", SERVICE_PORT, "targetPort", "http", "protocol", "TCP")));
        if (group.staticTargets().isEmpty()) {
            spec.put("selector", Tree.labels(Workloads.TARGET_GROUP, name));
        } else {
            spec.put("ports", list(map("name", "http", "port", SERVICE_PORT, "protocol", "TCP")));
            notes.add("static targets "
                    + group.staticTargets().stream()
                            .map(TargetGroupConfig::staticTargetId)
                            .toList() + " not exported: this Service has no selector; add an"
                    + " EndpointSlice with addresses the cluster reaches (127.0.0.1 would be the pod itself)");
        }
        if (group.algorithm() != Algorithm.ROUND_ROBIN) {
            notes.add("algorithm " + group.algorithm().name().toLowerCase(java.util.Locale.ROOT) + " not mapped: a"
                    + " Service spreads connections; ingress-nginx's load-balance: ewma is the nearest");
        }
        if (!group.slowStart().isZero()) {
            notes.add("slowStart " + group.slowStart().toSeconds() + "s has no Kubernetes equivalent");
        }
        return Tree.object(
                "v1", "Service", name, options.namespace(), Tree.labels(Workloads.PART_OF, "gale"), "spec", spec);
    }

    static Map<String, Object> ingress(StackConfig stack, KubernetesOptions options, List<String> notes) {
        ListenerConfig listener = stack.listeners().getFirst();
        for (int i = 1; i < stack.listeners().size(); i++) {
            ListenerConfig other = stack.listeners().get(i);
            notes.add("listener " + (i + 1) + " (port " + other.port() + ") not exported: an Ingress serves ports 80"
                    + " and 443 only; give its target groups a Service of type LoadBalancer");
        }
        notes.add("listener host " + listener.host() + " and port " + listener.port() + " not mapped: the ingress"
                + " controller's own Service decides where clients connect");
        notes.add("rules: Gale takes the first rule that matches, Ingress the longest matching path; pathPrefix"
                + " becomes pathType Prefix, which matches whole path segments (/api matches /api/x, not /apix)");
        Map<String, List<Object>> byHost = new LinkedHashMap<>();
        for (RuleConfig rule : listener.rules()) {
            String host = rule.host() == null ? "" : rule.host();
            byHost.computeIfAbsent(host, h -> new ArrayList<>())
                    .add(map(
                            "path",
                            rule.pathPrefix() == null ? "/" : rule.pathPrefix(),
                            "pathType",
                            "Prefix",
                            "backend",
                            backend(rule.targetGroup())));
        }
        List<Object> rules = new ArrayList<>();
        byHost.forEach(
                (host, paths) -> rules.add(map("host", host.isEmpty() ? null : host, "http", map("paths", paths))));
        return Tree.object(
                "networking.k8s.io/v1",
                "Ingress",
                "gale",
                options.namespace(),
                Tree.labels(Workloads.PART_OF, "gale"),
                "spec",
                map(
                        "ingressClassName", options.ingressClass(),
                        "defaultBackend", backend(listener.defaultTargetGroup()),
                        "rules", rules.isEmpty() ? null : rules));
    }

    /** ingress-nginx's annotations for the limits it can enforce per Ingress; the rest are controller-wide. */
    @SuppressWarnings("unchecked")
    static void annotate(Map<String, Object> ingress, ListenerLimits limits, List<String> notes) {
        Map<String, Object> metadata = (Map<String, Object>) ingress.get("metadata");
        String timeout = String.valueOf(Tree.seconds(limits.requestTimeout(), 1));
        metadata.put(
                "annotations",
                Tree.labels(
                        "nginx.ingress.kubernetes.io/proxy-body-size", String.valueOf(limits.maxBodyBytes()),
                        "nginx.ingress.kubernetes.io/proxy-read-timeout", timeout,
                        "nginx.ingress.kubernetes.io/proxy-send-timeout", timeout));
        notes.add("limits.maxConnections " + limits.maxConnections() + ", maxHeaderBytes " + limits.maxHeaderBytes()
                + ", idleTimeout " + limits.clientIdleTimeout().toSeconds()
                + "s, requestHeaderTimeout " + Tree.seconds(limits.requestHeaderTimeout(), 1)
                + "s and bodyReadTimeout " + Tree.seconds(limits.bodyReadTimeout(), 1)
                + "s are controller-wide in ingress-nginx (ConfigMap keys max-worker-connections,"
                + " large-client-header-buffers, keep-alive, client-header-timeout, client-body-timeout), not per"
                + " Ingress");
    }

    private static Map<String, Object> backend(String targetGroup) {
        return map(
                "service",
                map(
                        "name", KubernetesOptions.objectName(targetGroup),
                        "port", map("number", SERVICE_PORT)));
    }
}
