package gale.cli;

import gale.monitor.export.GrafanaDashboard;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gale export grafana}: a dashboard JSON to import into Grafana, on stdout or into a file. */
@Command(
        name = "grafana",
        mixinStandardHelpOptions = true,
        description = "Prints a Grafana dashboard (req/s, errors, latency, targets, tasks, CPU, scaling, alarms) to"
                + " import with Dashboards > Import; its Prometheus data source is picked at import.")
final class ExportGrafanaCommand implements Callable<Integer> {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the dashboard into FILE instead of printing it (e.g. " + GrafanaDashboard.FILE + ").")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String json = GrafanaDashboard.json();
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.println(json);
        } else {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, json, StandardCharsets.UTF_8);
            out.println("wrote " + output);
        }
        out.flush();
        return 0;
    }
}
