package gale.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reference app as a task: configuration from the environment ({@link AppConfig#fromEnvironment}),
 * SIGTERM → graceful stop and exit 0, and exit when Gale ({@code GALE_PARENT_PID}) dies, so that no task
 * outlives a killed Gale.
 */
public final class AppMain {

    private static final Logger log = LoggerFactory.getLogger(AppMain.class);

    private AppMain() {}

    public static void main(String[] args) {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("gale app: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(config));
    }

    /**
     * Starts the app and blocks until SIGTERM (or Ctrl-C) or the parent's death stops it. The {@code gale app}
     * command calls this. Returns the exit code for a failed start (1); a stop exits the JVM with 0 from the
     * shutdown hook, after the graceful close.
     */
    public static int run(AppConfig config) {
        if (config.fault().kind() == AppFault.Kind.CRASH) {
            System.err.println("gale app: " + config.fault().describe() + ": exiting before listening");
            return 1;
        }
        ReferenceApp app;
        try {
            app = ReferenceApp.start(config);
        } catch (AppStartException e) {
            System.err.println("gale app: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                            // A SIGTERM'd JVM exits with 143; a task that stopped cleanly says so with 0, as ECS
                            // expects.
                            Runtime.getRuntime().halt(0);
                        },
                        "gale-app-shutdown"));
        if (config.parentPid() != null) {
            ParentWatch.exitWhenGone(config.parentPid(), () -> {
                log.warn("Parent process {} is gone: stopping", config.parentPid());
                System.exit(0);
            });
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
