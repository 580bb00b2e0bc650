package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.balancer.TargetGroupConfig;
import gale.control.stack.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service's Deployment (replicas, rolling bounds, graceful termination) and its PodDisruptionBudget. */
final class Workloads {

    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String NAME = "app.kubernetes.io/name";
    static final String TARGET_GROUP = "gale.dev/target-group";

    private Workloads() {}

    static Map<String, String> podLabels(String name, ServiceSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, name);
        labels.put(PART_OF, "gale");
        spec.targetGroup().ifPresent(g -> labels.put(TARGET_GROUP, KubernetesOptions.objectName(g)));
        return labels;
    }

    static Map<String, Object> deployment(
            String galeName,
            ServiceSpec spec,
            TargetGroupConfig group,
            Map<String, String> stackEnv,
            KubernetesOptions options,
            List<String> notes) {
        String name = KubernetesOptions.objectName(galeName);
        Map<String, String> labels = podLabels(name, spec);
        Map<String, Object> container = Containers.container(name, spec, group, stackEnv, options, notes);
        // Grace = preStop (the deregistration delay) + the stop timeout that SIGTERM gets, as ECS gives it.
        int grace = Tree.seconds(spec.stopTimeout(), 0)
                + (group == null ? 0 : Tree.seconds(group.deregistrationDelay(), 0));
        return Tree.object(
                "apps/v1",
                "Deployment",
                name,
                options.namespace(),
                Tree.labels(NAME, name, PART_OF, "gale"),
                "spec",
                map(
                        "replicas", spec.desiredCount(),
                        "selector", map("matchLabels", Tree.labels(NAME, name)),
                        "strategy", strategy(spec.deployment(), notes),
                        "template",
                                map(
                                        "metadata", map("labels", labels),
                                        "spec",
                                                map(
                                                        "terminationGracePeriodSeconds",
                                                        grace,
                                                        "containers",
                                                        list(container)))));
    }

    /**
     * ECS's bounds as percents: minimumHealthyPercent 100 and maximumPercent 200 become maxUnavailable 0% and maxSurge
     * 100%. Kubernetes rounds maxSurge up where ECS rounds maximumPercent down.
     */
    static Map<String, Object> strategy(ServiceSpec.DeploymentSpec d, List<String> notes) {
        int unavailable = 100 - d.minimumHealthyPercent();
        int surge = d.maximumPercent() - 100;
        Object surgeValue = surge + "%";
        if (unavailable == 0 && surge == 0) {
            // Kubernetes refuses both at 0; ECS with 100/100 cannot replace a task either.
            surgeValue = 1;
            notes.add("deployment minimumHealthyPercent 100 with maximumPercent 100 cannot roll; maxSurge set to 1");
        }
        return map(
                "type",
                "RollingUpdate",
                "rollingUpdate",
                map("maxUnavailable", unavailable + "%", "maxSurge", surgeValue));
    }

    /**
     * Voluntary disruptions (node drains) keep minimumHealthyPercent of the pods up; at 100 a drain could never
     * proceed, so one pod at a time may go.
     */
    static Map<String, Object> disruptionBudget(
            String galeName, ServiceSpec spec, KubernetesOptions options, List<String> notes) {
        String name = KubernetesOptions.objectName(galeName);
        int min = spec.deployment().minimumHealthyPercent();
        Map<String, Object> budget = map("selector", map("matchLabels", Tree.labels(NAME, name)));
        if (min >= 100) {
            budget.put("maxUnavailable", 1);
            notes.add("PodDisruptionBudget: minimumHealthyPercent 100 would block every node drain; maxUnavailable 1");
        } else {
            budget.put("minAvailable", min + "%");
        }
        return Tree.object(
                "policy/v1",
                "PodDisruptionBudget",
                name,
                options.namespace(),
                Tree.labels(PART_OF, "gale"),
                "spec",
                budget);
    }
}
