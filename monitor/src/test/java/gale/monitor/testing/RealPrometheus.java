package gale.monitor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's package, which .ci/run installs) on a free port of 127.0.0.1, its data in a test's
 * folder, with PromQL queries over its HTTP API. Shared with the other modules' tests through this module's test jar.
 */
public final class RealPrometheus implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private RealPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Runs Prometheus with {@code config} (a prometheus.yml), its data and log under {@code dir}. */
    public static RealPrometheus start(Path config, Path dir) throws IOException {
        int port = freePort();
        Process process = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        return new RealPrometheus(process, port);
    }

    /** Writes a prometheus.yml that scrapes {@code targets} (HOST:PORT) as job {@code job} every {@code interval}. */
    public static Path scrapeConfig(Path dir, String job, Duration interval, List<String> targets) throws IOException {
        String seconds = interval.toMillis() + "ms";
        StringBuilder yaml = new StringBuilder()
                .append("global:\n  scrape_interval: ")
                .append(seconds)
                .append("\n  evaluation_interval: ")
                .append(seconds)
                .append("\nscrape_configs:\n  - job_name: ")
                .append(job)
                .append("\n    static_configs:\n      - targets: [");
        yaml.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList()));
        yaml.append("]\n");
        return Files.writeString(dir.resolve("prometheus.yml"), yaml.toString());
    }

    public int port() {
        return port;
    }

    /** Whether it answers /-/ready. */
    public boolean ready() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code GET /api/v1/query}: the whole answer. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    /** The value of a query that yields one number (e.g. a {@code sum(...)}), or NaN when it yields none. */
    public double scalar(String promql) throws IOException, InterruptedException {
        JsonNode result = query(promql).path("data").path("result");
        return result.isEmpty()
                ? Double.NaN
                : result.get(0).path("value").get(1).asDouble();
    }

    /** A free port on 127.0.0.1 (closed again: the caller binds it next). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
