package gale.control.kubernetes;

import gale.balancer.TargetGroupConfig;
import gale.control.stack.ServiceSpec;
import gale.control.stack.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack file as Kubernetes objects (see docs/kubernetes.md): per service a Deployment, a PodDisruptionBudget and
 * (with target tracking) a HorizontalPodAutoscaler; per target group a Service; one Ingress for the first listener;
 * alarms and notifiers as Prometheus Operator objects; the Grafana dashboard as a ConfigMap. Whatever has no
 * equivalent is a note, written as a comment above the object it concerns.
 */
public final class KubernetesExport {

    private KubernetesExport() {}

    public static List<Manifest> export(StackConfig stack, KubernetesOptions options) {
        List<Manifest> out = new ArrayList<>();
        List<String> dataNotes = new ArrayList<>();
        Map<String, String> env = DataTier.env(stack.database(), stack.cache(), dataNotes);
        for (Map<String, Object> server : DataTier.servers(stack.database(), stack.cache(), options)) {
            out.add(new Manifest("data.yaml", server, List.of()));
        }
        // The data tier's notes go above the first service's Deployment, which reads the environment they explain.
        String firstService = stack.services().keySet().stream().findFirst().orElse(null);
        stack.services().forEach((name, spec) -> {
            String file = KubernetesOptions.objectName(name) + ".yaml";
            TargetGroupConfig group =
                    spec.targetGroup().map(stack.targetGroups()::get).orElse(null);
            List<String> notes = new ArrayList<>(name.equals(firstService) ? dataNotes : List.of());
            notes.addAll(serviceNotes(spec));
            out.add(new Manifest(file, Workloads.deployment(name, spec, group, env, options, notes), notes));
            List<String> budgetNotes = new ArrayList<>();
            Map<String, Object> budget = Workloads.disruptionBudget(name, spec, options, budgetNotes);
            List<String> hpaNotes = new ArrayList<>();
            Optional<Map<String, Object>> hpa = Autoscalers.hpa(name, spec, options, hpaNotes);
            if (hpa.isEmpty()) {
                budgetNotes.addAll(hpaNotes);
            }
            out.add(new Manifest(file, budget, budgetNotes));
            hpa.ifPresent(h -> out.add(new Manifest(file, h, hpaNotes)));
        });
        stack.targetGroups().forEach((name, group) -> {
            List<String> notes = new ArrayList<>();
            out.add(new Manifest("ingress.yaml", Routing.service(name, group, options, notes), notes));
        });
        if (!stack.listeners().isEmpty()) {
            List<String> notes = new ArrayList<>();
            Map<String, Object> ingress = Routing.ingress(stack, options, notes);
            Routing.annotate(ingress, stack.listeners().getFirst().limits(), notes);
            out.add(new Manifest("ingress.yaml", ingress, notes));
        }
        List<String> ruleNotes = new ArrayList<>();
        Optional<Map<String, Object>> rule = AlertRules.prometheusRule(stack.alarms(), options, ruleNotes);
        rule.ifPresent(r -> out.add(new Manifest("alerts.yaml", r, ruleNotes)));
        List<String> routeNotes = new ArrayList<>();
        List<Map<String, Object>> routing =
                AlertRouting.objects(stack.notifiers(), stack.alarms(), options, routeNotes);
        for (int i = 0; i < routing.size(); i++) {
            out.add(new Manifest("alerts.yaml", routing.get(i), i == 0 ? routeNotes : List.of()));
        }
        // Notes about objects that were not written at all go above the dashboard, the one object always written.
        List<String> unplaced = new ArrayList<>();
        if (rule.isEmpty()) {
            unplaced.addAll(ruleNotes);
        }
        if (routing.isEmpty()) {
            unplaced.addAll(routeNotes);
        }
        List<String> dashboardNotes = new ArrayList<>(unplaced);
        dashboardNotes.add("balancer.ioThreads and balancer.warmup belong to Gale's balancer; the ingress controller"
                + " takes their place");
        if (stack.services().isEmpty()) {
            dashboardNotes.addAll(dataNotes);
        }
        out.add(new Manifest("dashboard.yaml", Dashboard.configMap(options, dashboardNotes), dashboardNotes));
        return out;
    }

    /** Run a load plan as {@code parallelism} workers and a merge step (see {@link LoadJob}). */
    public static List<Manifest> load(String planText, int parallelism, KubernetesOptions options) {
        return LoadJob.manifests(planText, parallelism, options);
    }

    private static List<String> serviceNotes(ServiceSpec spec) {
        List<String> notes = new ArrayList<>();
        if (spec.targetGroup().isEmpty()) {
            notes.add("no targetGroup: no probes and no preStop; the pods serve no Service");
        }
        spec.deployment()
                .testTargetGroup()
                .ifPresent(group -> notes.add("deployment.testTargetGroup " + group + " not mapped: a Deployment has"
                        + " no test listener (Argo Rollouts' blueGreen.previewService is the nearest)"));
        return notes;
    }
}
