package gale.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gale.app.capacity.Capacity;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@code GALE_APP_MAX_CONNECTIONS} (seed 000's nginx limit) and {@code GALE_APP_WORKERS} (seed 004's one server). */
class CapacityTest {

    @Test
    void maxConnections_closesTheConnectionBeyondTheLimitWithNoAnswer() throws Exception {
        try (ReferenceApp app = start(new Capacity(3, 0, Duration.ZERO))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket("127.0.0.1", app.port());
                    held.add(socket);
                    assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
                }
                try (Socket fourth = new Socket("127.0.0.1", app.port())) {
                    assertThat(exchange(fourth)).isEmpty();
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            // Once the held connections are closed, new ones are served again.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(TestApps.get(app, "/").statusCode()).isEqualTo(200));
        }
    }

    @Test
    void workers_serveOneRequestAtATimeSoLatencyGrowsWithTheQueue() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try (ReferenceApp app = start(new Capacity(0, 1, Duration.ZERO))) {
            List<CompletableFuture<Long>> took = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                took.add(CompletableFuture.supplyAsync(() -> timed(app, "/delay?ms=200"), clients));
            }
            // The metrics are served outside the queue while requests wait in it.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(TestApps.get(app, "/metrics").body())
                                    .containsPattern("gale_app_requests_queued [1-4]\\.0"));
            long slowest =
                    took.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
            // One worker: the last of five 200 ms requests waited for the four before it.
            assertThat(slowest).isGreaterThanOrEqualTo(5 * 200 - 50);
            assertThat(TestApps.get(app, "/metrics").body()).contains("gale_app_requests_queued 0.0");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void serviceTime_aClientThatLeftWhileWaitingStillCostsItButHoldsNoWorker() throws Exception {
        try (ReferenceApp app = start(new Capacity(0, 1, Duration.ofMillis(200)))) {
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> timed(app, "/delay?ms=3000"));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(TestApps.get(app, "/metrics").body())
                                    .contains("gale_app_requests_in_flight 2.0"));
            List<Socket> leaving = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket socket = new Socket("127.0.0.1", app.port());
                    leaving.add(socket);
                    socket.getOutputStream()
                            .write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(
                                () -> assertThat(TestApps.get(app, "/metrics").body())
                                        .contains("gale_app_requests_queued 2.0"));
            } finally {
                for (Socket socket : leaving) {
                    socket.close();
                }
            }
            assertThat(first.join()).isGreaterThanOrEqualTo(3000 + 200);
            // The two that left cost 200 ms each before this one's own 200 ms; then the worker is free again.
            assertThat(timed(app, "/")).isGreaterThanOrEqualTo(2 * 200);
            assertThat(timed(app, "/")).isLessThan(3_000);
        }
    }

    @Test
    void fromEnvironment_readsTheLimitsAndRefusesNegativeOnes() {
        AppConfig config =
                AppConfig.fromEnvironment(Map.of(Capacity.ENV_MAX_CONNECTIONS, "384", Capacity.ENV_WORKERS, "1"));
        assertThat(config.capacity()).isEqualTo(new Capacity(384, 1, Duration.ZERO));
        assertThat(AppConfig.fromEnvironment(Map.of(Capacity.ENV_WORKERS, "1", Capacity.ENV_SERVICE_TIME_MS, "70"))
                        .capacity()
                        .serviceTime())
                .isEqualTo(Duration.ofMillis(70));
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(Capacity.ENV_SERVICE_TIME_MS, "70")))
                .hasMessage("GALE_APP_SERVICE_TIME_MS: 70 (expected: with GALE_APP_WORKERS, the workers it holds)");
        assertThat(AppConfig.fromEnvironment(Map.of()).capacity()).isEqualTo(Capacity.UNLIMITED);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(Capacity.ENV_WORKERS, "-1")))
                .hasMessage("GALE_APP_WORKERS: -1 (expected: 0 for no limit, or 1-1000000)");
    }

    private static ReferenceApp start(Capacity capacity) {
        return ReferenceApp.start(
                AppConfig.onPort(0).withDbUrl(TestApps.freshDatabase()).withCapacity(capacity));
    }

    private static long timed(ReferenceApp app, String path) {
        long start = System.nanoTime();
        try {
            assertThat(TestApps.get(app, path).statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Sends one keep-alive GET / and reads what comes back before the answer ends or the connection closes. */
    private static String exchange(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!read.toString().contains("\r\n\r\n") || !read.toString().endsWith("\n")) {
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketException e) {
                break; // reset: no answer
            }
            if (n < 0) {
                break;
            }
            read.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        }
        return read.toString();
    }
}
