package gale.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {

    @TempDir
    Path dir;

    @Test
    void closeFinishesRequestsInFlightThenRefusesConnections() throws Exception {
        ReferenceApp app = TestApps.start("web-drain", TestApps.freshDatabase());
        CompletableFuture<HttpResponse<String>> slow = TestApps.CLIENT.sendAsync(
                HttpRequest.newBuilder(TestApps.uri(app, "/delay?ms=1500")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(app) >= 2);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);

        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        closing.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> TestApps.get(app, "/")).hasCauseInstanceOf(ConnectException.class);
    }

    /** The balancer's pool or a scraper may keep a connection idle: only requests in flight hold a stop. */
    @Test
    void closeDoesNotWaitForAnIdleKeepAliveConnectionButFinishesTheRequestInFlight() throws Exception {
        ReferenceApp app = TestApps.start("web-idle", TestApps.freshDatabase());
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            idle.setSoTimeout(15_000);
            idle.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = idle.getInputStream();
            assertThat(readResponseHead(in)).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("close");
            CompletableFuture<HttpResponse<String>> slow = TestApps.CLIENT.sendAsync(
                    HttpRequest.newBuilder(TestApps.uri(app, "/delay?ms=1000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(app) >= 2);

            long start = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);

            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            closing.get(25, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(in.read()).as("the idle connection is closed").isEqualTo(-1);
        } finally {
            app.close();
        }
    }

    /** Reads one response with a Content-Length body and returns its head. */
    private static String readResponseHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int c = in.read();
            assertThat(c).as("response head").isNotEqualTo(-1);
            head.append((char) c);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:") + "content-length:".length();
        int length =
                Integer.parseInt(lower.substring(at, lower.indexOf("\r\n", at)).trim());
        assertThat(in.readNBytes(length)).hasSize(length);
        return head.toString();
    }

    @Test
    void sigtermStopsTheProcessGracefullyWithExitCodeZero() throws Exception {
        int port = freePort();
        Path log = dir.resolve("web-term.log");
        Process app = launch(port, Map.of("GALE_TASK_ID", "web-term", "GALE_LOG_FILE", log.toString()));
        try {
            awaitAccepting(port, app);
            assertThat(TestApps.CLIENT
                            .send(
                                    HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("Hello, World! from task web-term (revision 0)\n");

            app.destroy();

            assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isZero();
            assertThat(Files.readString(log))
                    .contains("task web-term listening on 127.0.0.1:" + port)
                    .contains("GET / 200")
                    .contains("task web-term stopped");
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void exitsWhenItsParentProcessDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "600").start();
        int port = freePort();
        Process app =
                launch(port, Map.of("GALE_TASK_ID", "web-orphan", "GALE_PARENT_PID", Long.toString(parent.pid())));
        try {
            awaitAccepting(port, app);

            parent.destroyForcibly();

            assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isZero();
        } finally {
            parent.destroyForcibly();
            app.destroyForcibly();
        }
    }

    @Test
    void badEnvironmentExitsWithCodeTwoAndSaysWhy() throws Exception {
        Process app = launch(0, Map.of("PORT", "http"));
        try {
            assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isEqualTo(2);
            assertThat(new String(app.getInputStream().readAllBytes()))
                    .contains("gale app: PORT: 'http' (expected: a number)");
        } finally {
            app.destroyForcibly();
        }
    }

    private Process launch(int port, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppMain.class.getName()))
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("GALE_DB_URL", TestApps.freshDatabase());
        builder.environment().putAll(env);
        if (!env.containsKey("GALE_LOG_FILE")) {
            builder.redirectOutput(dir.resolve("stdout-" + port + ".log").toFile());
        }
        if (env.containsKey("PORT")) {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
        return builder.start();
    }

    private static void awaitAccepting(int port, Process app) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assertThat(app.isAlive()).as("app process alive").isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double inFlight(ReferenceApp app) throws Exception {
        return TestApps.get(app, "/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith("gale_app_requests_in_flight "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }
}
