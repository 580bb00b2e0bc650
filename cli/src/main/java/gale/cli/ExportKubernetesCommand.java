package gale.cli;

import gale.control.kubernetes.KubernetesExport;
import gale.control.kubernetes.KubernetesOptions;
import gale.control.kubernetes.Manifest;
import gale.control.kubernetes.ManifestWriter;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import gale.loadgen.plan.PlanException;
import gale.loadgen.plan.PlanParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gale export kubernetes}: the stack file (and optionally a load plan) as Kubernetes manifests. */
@Command(
        name = "kubernetes",
        mixinStandardHelpOptions = true,
        description =
                "Writes the stack as Kubernetes manifests (Deployment, Service, HPA, PDB, Ingress, PrometheusRule,"
                        + " AlertmanagerConfig, dashboard ConfigMap), one YAML file per service plus ingress, alerts and"
                        + " dashboard; what does not map is said in '# note:' comments. With --load, an Indexed Job"
                        + " that runs the plan as --parallelism workers and a Job that merges their results.")
final class ExportKubernetesCommand implements Callable<Integer> {

    @Option(
            names = {"-f", "--file"},
            paramLabel = "STACK.yaml",
            description = "The stack file (default: the default stack; with --load and no -f, no stack is written).")
    Path stackFile;

    @Option(
            names = "--image",
            paramLabel = "REF",
            description = "The image holding the gale command and the services' commands (default: "
                    + KubernetesOptions.DEFAULT_IMAGE + ").")
    String image = KubernetesOptions.DEFAULT_IMAGE;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            description = "Every object's namespace (default: " + KubernetesOptions.DEFAULT_NAMESPACE + ").")
    String namespace = KubernetesOptions.DEFAULT_NAMESPACE;

    @Option(
            names = "--ingress-class",
            paramLabel = "CLASS",
            description = "The Ingress's ingressClassName (default: " + KubernetesOptions.DEFAULT_INGRESS_CLASS + ").")
    String ingressClass = KubernetesOptions.DEFAULT_INGRESS_CLASS;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to write the files (created if missing; default: ${DEFAULT-VALUE}).",
            defaultValue = "kubernetes")
    Path dir;

    @Option(names = "--load", paramLabel = "PLAN.yaml", description = "A load plan to run as an Indexed Job.")
    Path load;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "With --load: how many workers split the plan (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        KubernetesOptions options = new KubernetesOptions(image, namespace, ingressClass);
        List<Manifest> manifests = new ArrayList<>();
        if (load == null || stackFile != null) {
            StackConfig stack = stackFile == null ? StackConfig.defaults() : StackFile.load(stackFile);
            manifests.addAll(KubernetesExport.export(stack, options));
        }
        if (load != null) {
            try {
                new PlanParser().parse(load);
            } catch (PlanException e) {
                throw new IllegalArgumentException("--load: " + e.getMessage(), e);
            }
            String plan = Files.readString(load, StandardCharsets.UTF_8);
            manifests.addAll(KubernetesExport.load(plan, parallelism, options));
        } else if (spec.commandLine().getParseResult().hasMatchedOption("--parallelism")) {
            throw new IllegalArgumentException("--parallelism: " + parallelism + " (expected: with --load PLAN.yaml)");
        }
        PrintWriter out = spec.commandLine().getOut();
        ManifestWriter.write(manifests, dir).forEach(path -> out.println("wrote " + path));
        long notes = manifests.stream().mapToLong(m -> m.notes().size()).sum();
        if (notes > 0) {
            out.println(notes + " '# note:' comments say what has no Kubernetes equivalent or was adapted");
        }
        out.flush();
        return 0;
    }
}
