package gale.control;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny task for control tests, launched as a real process: {@code GET /} answers {@code hello from <task id>},
 * {@code GET /health} 200 (or 500 once the file named by {@code TEST_SICK_FILE} exists). Exits when the test JVM dies.
 */
public final class HelloTask {

    private HelloTask() {}

    public static void main(String[] args) throws Exception {
        String taskId = System.getenv().getOrDefault("GALE_TASK_ID", "none");
        String sickFile = System.getenv("TEST_SICK_FILE");
        String parent = System.getenv("GALE_PARENT_PID");
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent))
                    .ifPresent(
                            p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            boolean sick = sickFile != null && java.nio.file.Files.exists(java.nio.file.Path.of(sickFile));
            boolean health = exchange.getRequestURI().getPath().equals("/health");
            int status = health && sick ? 500 : 200;
            byte[] body = (health ? (sick ? "sick" : "ok") : "hello from " + taskId).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
