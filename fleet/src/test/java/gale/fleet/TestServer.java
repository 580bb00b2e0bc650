package gale.fleet;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tiny task for fleet tests, launched as a real process. Listens on $PORT and answers {@code GET /} with its task
 * id. Told by the environment to misbehave:
 *
 * <ul>
 *   <li>{@code TEST_CRASH_AT_START=<code>}: exit with that code before listening
 *   <li>{@code TEST_EXIT_AFTER_MS=<ms>}: exit with code 3 that long after listening
 *   <li>{@code TEST_IGNORE_SIGTERM=true}: ignore SIGTERM (only SIGKILL stops it); see {@link TestTasks}
 *   <li>{@code TEST_BURN=true}: burn one core from the start
 *   <li>{@code TEST_CHILD=true}: start a {@code sleep} child process that would outlive it
 * </ul>
 */
public final class TestServer {
    /** Set (to anything) in a task's environment: the server does not watch {@code GALE_PARENT_PID}. */
    static final String IGNORE_PARENT_ENV = "TEST_SERVER_IGNORES_PARENT";

    private TestServer() {}

    public static void main(String[] args) throws Exception {
        String taskId = System.getenv().getOrDefault("GALE_TASK_ID", "none");
        watchParent();
        String crash = System.getenv("TEST_CRASH_AT_START");
        if (crash != null) {
            System.out.println("crashing at start with code " + crash);
            System.exit(Integer.parseInt(crash));
        }
        // Under TEST_IGNORE_SIGTERM the launcher set SIGTERM to "ignored" before exec, and the JVM keeps a signal
        // it inherits as ignored: this hook then never runs, and only SIGKILL stops the process.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("SIGTERM received, exiting")));
        if ("true".equals(System.getenv("TEST_CHILD"))) {
            Process child = new ProcessBuilder("sleep", "600").start();
            System.out.println("child pid " + child.pid());
        }
        if ("true".equals(System.getenv("TEST_BURN"))) {
            burn();
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", exchange -> {
            byte[] body = ("ok " + taskId).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("GALE_REVISION=" + System.getenv("GALE_REVISION"));
        System.out.println("task " + taskId + " listening on port " + port + " args " + String.join(" ", args));
        String exitAfter = System.getenv("TEST_EXIT_AFTER_MS");
        if (exitAfter != null) {
            Thread.sleep(Long.parseLong(exitAfter));
            System.out.println("exiting on purpose");
            Runtime.getRuntime().halt(3);
        }
    }

    private static void burn() {
        AtomicBoolean sink = new AtomicBoolean();
        Thread burner = new Thread(() -> {
            long x = 0;
            while (true) {
                x = x * 31 + 7;
                if (x == 42) {
                    sink.set(true);
                }
            }
        });
        burner.setDaemon(true);
        burner.start();
    }

    /**
     * Exits when the test JVM dies, so that a crashed test run leaves no process behind; unless {@link
     * #IGNORE_PARENT_ENV} is set, to stand for a task that knows nothing of Gale.
     */
    private static void watchParent() throws IOException {
        String parent = System.getenv("GALE_PARENT_PID");
        if (parent != null && System.getenv(IGNORE_PARENT_ENV) == null) {
            ProcessHandle.of(Long.parseLong(parent))
                    .ifPresentOrElse(
                            handle -> handle.onExit()
                                    .thenRun(() -> Runtime.getRuntime().halt(1)),
                            () -> Runtime.getRuntime().halt(1));
        }
    }
}
