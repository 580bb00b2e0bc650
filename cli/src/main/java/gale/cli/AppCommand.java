package gale.cli;

import gale.app.AppConfig;
import gale.app.AppMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "app",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the reference app in the foreground, without a balancer: what each task of the default stack runs.",
            "Routes: GET / (hello), GET|POST /seed, GET /whoami, POST /stress, POST /urls, GET /u/{code}, GET /health,"
                    + " GET /metrics."
        })
final class AppCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}).",
            defaultValue = "8000")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "The address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).",
            defaultValue = AppConfig.DEFAULT_HOST)
    String host;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC-URL",
            description = "The database (default: an in-memory H2 database, gone when the app stops).")
    String dbUrl;

    @Option(
            names = "--env",
            description = "Take every setting from the environment, as a task does (PORT, GALE_HOST, GALE_TASK_ID,"
                    + " GALE_DB_*, GALE_CACHE_*; docs/app.md): what a container of the Kubernetes export runs.")
    boolean fromEnvironment;

    @Override
    public Integer call() {
        if (fromEnvironment) {
            return AppMain.run(AppConfig.fromEnvironment(System.getenv()));
        }
        AppConfig config = AppConfig.onPort(port).withHost(host);
        if (dbUrl != null) {
            config = config.withDbUrl(dbUrl);
        }
        // Blocks until Ctrl-C or SIGTERM; returns only when the app could not start.
        return AppMain.run(config);
    }
}
