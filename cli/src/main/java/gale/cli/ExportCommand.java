package gale.cli;

import picocli.CommandLine.Command;

/** {@code gale export}: configs for tools beside Gale (Prometheus, Alertmanager, Grafana). */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Writes configs for Prometheus, Alertmanager and Grafana that watch a Gale stack.",
        subcommands = {ExportPrometheusCommand.class, ExportGrafanaCommand.class})
final class ExportCommand {}
