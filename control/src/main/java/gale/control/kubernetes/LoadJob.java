package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A load plan run by N workers, as the k6 operator does: an Indexed Job whose pod i runs execution segment i/N:(i+1)/N
 * and writes its summary (with full histograms) to a shared volume, and a merge Job that waits for all N and prints the
 * exact combined summary, evaluates the thresholds and writes the report.
 */
final class LoadJob {

    static final String FILE = "load.yaml";
    static final String PLAN_KEY = "plan.yaml";
    static final String RESULTS_STORAGE = "1Gi";

    private LoadJob() {}

    static List<Manifest> manifests(String planText, int parallelism, KubernetesOptions options) {
        if (parallelism < 1 || parallelism > 1000) {
            throw new IllegalArgumentException("parallelism: " + parallelism + " (expected: 1-1000)");
        }
        String ns = options.namespace();
        Map<String, String> labels = Tree.labels(Workloads.PART_OF, "gale", Workloads.NAME, "gale-load");
        List<Manifest> out = new ArrayList<>();
        out.add(new Manifest(
                FILE,
                Tree.object("v1", "ConfigMap", "gale-load-plan", ns, labels, "data", Tree.labels(PLAN_KEY, planText)),
                List.of()));
        out.add(new Manifest(
                FILE,
                Tree.object(
                        "v1",
                        "PersistentVolumeClaim",
                        "gale-load-results",
                        ns,
                        labels,
                        "spec",
                        map(
                                "accessModes", list("ReadWriteMany"),
                                "resources", map("requests", map("storage", RESULTS_STORAGE)))),
                List.of("ReadWriteMany: the workers and the merge step run on any node; the cluster needs a storage"
                        + " class that offers it (NFS, CephFS, EFS)")));
        String sequence = sequence(parallelism);
        String worker = "gale load -f /plan/" + PLAN_KEY + " --quiet --execution-segment \"$JOB_COMPLETION_INDEX/"
                + parallelism + ":$((JOB_COMPLETION_INDEX + 1))/" + parallelism + "\" --execution-segment-sequence "
                + sequence + " --summary-export /results/worker-$JOB_COMPLETION_INDEX.json; rc=$?;"
                // A worker's own thresholds see a part of the load; the merge step judges the whole.
                + " [ $rc -eq 0 ] || [ $rc -eq 99 ]";
        out.add(new Manifest(
                FILE,
                job(
                        "gale-load",
                        labels,
                        options,
                        map(
                                "completionMode", "Indexed",
                                "completions", parallelism,
                                "parallelism", parallelism),
                        list(container("worker", options, worker)),
                        null),
                List.of("workers start as their pods are scheduled; the k6 operator starts paused runners and resumes"
                        + " them together, so arrival-rate schedules here are offset by the pods' start skew")));
        String wait =
                "until [ $(ls /results/worker-*.json 2>/dev/null | wc -l) -ge " + parallelism + " ]; do sleep 5; done";
        String merge = "gale load merge /results/worker-*.json --summary-export /results/summary.json"
                + " --report /results/report.html";
        out.add(new Manifest(
                FILE,
                job(
                        "gale-load-merge",
                        labels,
                        options,
                        map(),
                        list(container("merge", options, merge)),
                        list(container("wait-for-workers", options, wait))),
                List.of("the merge step's exit code is the run's: 99 when a threshold fails on the merged results")));
        return out;
    }

    /** k6's sequence for N equal segments: 0,1/N,...,1. */
    static String sequence(int n) {
        StringBuilder s = new StringBuilder("0");
        for (int i = 1; i < n; i++) {
            s.append(',').append(i).append('/').append(n);
        }
        return s.append(",1").toString();
    }

    private static Map<String, Object> container(String name, KubernetesOptions options, String script) {
        return map(
                "name", name,
                "image", options.image(),
                "command", list("sh", "-c", script),
                "volumeMounts",
                        list(
                                map("name", "plan", "mountPath", "/plan", "readOnly", true),
                                map("name", "results", "mountPath", "/results")));
    }

    private static Map<String, Object> job(
            String name,
            Map<String, String> labels,
            KubernetesOptions options,
            Map<String, Object> shape,
            List<Object> containers,
            List<Object> initContainers) {
        Map<String, Object> spec = map("backoffLimit", 0);
        spec.putAll(shape);
        spec.put(
                "template",
                map(
                        "metadata", map("labels", labels),
                        "spec",
                                map(
                                        "restartPolicy",
                                        "Never",
                                        "initContainers",
                                        initContainers,
                                        "containers",
                                        containers,
                                        "volumes",
                                        list(
                                                map("name", "plan", "configMap", map("name", "gale-load-plan")),
                                                map(
                                                        "name",
                                                        "results",
                                                        "persistentVolumeClaim",
                                                        map("claimName", "gale-load-results"))))));
        return Tree.object("batch/v1", "Job", name, options.namespace(), labels, "spec", spec);
    }
}
