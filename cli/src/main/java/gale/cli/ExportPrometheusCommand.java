package gale.cli;

import gale.control.stack.NotifierSpec;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import gale.monitor.export.ExportSettings;
import gale.monitor.export.PrometheusExport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gale export prometheus}: prometheus.yml (the control plane, and every task through its HTTP service
 * discovery), the alert rules, and an Alertmanager config with a Discord receiver.
 */
@Command(
        name = "prometheus",
        mixinStandardHelpOptions = true,
        description = "Writes prometheus.yml (scrapes the control plane and discovers every task through /api/sd),"
                + " gale-rules.yml (alert rules) and alertmanager.yml (a Discord receiver) into a directory.")
final class ExportPrometheusCommand implements Callable<Integer> {

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to write the files (created if missing; default: the current directory).",
            defaultValue = ".")
    Path dir;

    @Option(
            names = "--admin-port",
            paramLabel = "PORT",
            description = "The stack's admin port on 127.0.0.1, which Prometheus scrapes (default: ${DEFAULT-VALUE}).",
            defaultValue = "8081")
    int adminPort;

    @Option(
            names = "--control-plane",
            paramLabel = "HOST:PORT",
            description = "The control plane's address as Prometheus reaches it (overrides --admin-port).")
    String controlPlane;

    @Option(
            names = "--scrape-interval",
            paramLabel = "SECONDS",
            description = "How often Prometheus scrapes and evaluates rules (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int scrapeSeconds;

    @Option(
            names = "--alertmanager",
            paramLabel = "HOST:PORT",
            description = "Where Prometheus sends alerts (default: " + ExportSettings.DEFAULT_ALERTMANAGER + ").")
    String alertmanager;

    @Option(
            names = "--discord-webhook",
            paramLabel = "URL",
            description = "The Discord webhook Alertmanager posts to (default: the stack file's first discord"
                    + " notifier, else a placeholder to replace).")
    URI discordWebhook;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "STACK.yaml",
            description = "A stack file whose first discord notifier is the webhook.")
    Path stackFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (scrapeSeconds < 1 || scrapeSeconds > 3600) {
            throw new IllegalArgumentException("--scrape-interval: " + scrapeSeconds + " (expected: 1-3600 seconds)");
        }
        if (adminPort < 1 || adminPort > 65535) {
            throw new IllegalArgumentException("--admin-port: " + adminPort + " (expected: 1-65535)");
        }
        URI webhook = discordWebhook != null ? discordWebhook : stackWebhook();
        ExportSettings settings = new ExportSettings(
                controlPlane != null ? controlPlane : "127.0.0.1:" + adminPort,
                Duration.ofSeconds(scrapeSeconds),
                alertmanager,
                webhook);
        List<Path> written = new PrometheusExport(settings).writeTo(dir);
        PrintWriter out = spec.commandLine().getOut();
        written.forEach(path -> out.println("wrote " + path));
        if (webhook == null) {
            out.println("alertmanager.yml has a placeholder Discord webhook: pass --discord-webhook URL");
        }
        out.println("run: prometheus --config.file=" + dir.resolve(PrometheusExport.PROMETHEUS_FILE));
        out.flush();
        return 0;
    }

    private URI stackWebhook() {
        if (stackFile == null) {
            return null;
        }
        StackConfig stack = StackFile.load(stackFile);
        return stack.notifiers().values().stream()
                .filter(notifier -> notifier.kind() == NotifierSpec.Kind.DISCORD)
                .map(NotifierSpec::url)
                .findFirst()
                .orElse(null);
    }
}
