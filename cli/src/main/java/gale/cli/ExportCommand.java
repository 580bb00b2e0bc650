package gale.cli;

import picocli.CommandLine.Command;

/** {@code gale export}: configs for tools beside Gale (Prometheus, Alertmanager, Grafana), or Kubernetes manifests. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Writes configs for Prometheus, Alertmanager and Grafana that watch a Gale stack, or the stack as"
                + " Kubernetes manifests.",
        subcommands = {ExportPrometheusCommand.class, ExportGrafanaCommand.class, ExportKubernetesCommand.class})
final class ExportCommand {}
