package gale.loadgen.h2;

import static org.assertj.core.api.Assertions.assertThat;

import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.nginx.Nginx;
import gale.loadgen.output.OutputTarget;
import gale.loadgen.plan.PlanParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a real nginx, which logs for each request the protocol it saw, the connection it came on and
 * when it started and ended: h2 negotiated by ALPN over TLS, h2c with prior knowledge, many VUs' streams at once
 * on one connection, HTTP/1.1 when the server's ALPN lacks h2, and streams resent after a GOAWAY.
 */
class Http2AgainstNginxTest {

    @TempDir
    static Path dir;

    private static Nginx nginx;
    private static int h2Tls;
    private static int h1Tls;
    private static int h2c;
    private static int goAway;
    private static int oneStream;

    @BeforeAll
    static void start() throws Exception {
        Nginx.certificates(dir);
        h2Tls = Nginx.freePort();
        h1Tls = Nginx.freePort();
        h2c = Nginx.freePort();
        goAway = Nginx.freePort();
        oneStream = Nginx.freePort();
        Files.write(dir.resolve("slow.bin"), new byte[24 * 1024]);
        // nginx's workers run as nobody when the test runs as root: they must reach the file
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("slow.bin"), PosixFilePermissions.fromString("rw-r--r--"));
        String locations = """
                location / { add_header X-Proto $server_protocol; return 200 "hello $server_protocol\\n"; }
                location = /code { default_type application/json; return 200 '{"code":"c$connection_requests"}'; }
                location /echo/ { return 200 "echo $uri\\n"; }
                location = /slow.bin { root DIR; limit_rate 12k; }
                """;
        nginx = Nginx.start(
                dir,
                """
                  log_format streams '$server_port $server_protocol $connection $status $msec $request_time $uri';
                  access_log DIR/access.log streams;
                  keepalive_requests 100000;
                  ssl_session_tickets off; ssl_session_cache off;
                  server { listen 127.0.0.1:H2TLS ssl http2; TLS LOCATIONS }
                  server { listen 127.0.0.1:H1TLS ssl; TLS LOCATIONS }
                  server { listen 127.0.0.1:H2C http2; LOCATIONS }
                  server { listen 127.0.0.1:GOAWAY http2; keepalive_requests 25; LOCATIONS }
                  server { listen 127.0.0.1:ONE http2; http2_max_concurrent_streams 1; LOCATIONS }
                """.replace("LOCATIONS", locations)
                        .replace("H2TLS", Integer.toString(h2Tls))
                        .replace("H1TLS", Integer.toString(h1Tls))
                        .replace("H2C", Integer.toString(h2c))
                        .replace("GOAWAY", Integer.toString(goAway))
                        .replace("ONE", Integer.toString(oneStream))
                        .replace("TLS", Nginx.tls(dir)),
                h2Tls,
                h1Tls,
                h2c,
                goAway,
                oneStream);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void h2IsNegotiatedByAlpnOverTlsByDefault() throws IOException {
        String steps = """
                steps:
                  - name: hello
                    url: https://localhost:PORT/
                    checks: {status: 200, bodyContains: "hello HTTP/2.0", header: {X-Proto: HTTP/2.0}}
                """.replace("PORT", Integer.toString(h2Tls));
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        Path points = dir.resolve("h2-points.json");
        LoadResult r = LoadRun.run(
                new PlanParser().parse(plan("insecureSkipTlsVerify: true", 20, 4, steps), dir),
                LoadOutput.quiet(new PrintStream(summary, true, StandardCharsets.UTF_8))
                        .withOuts(List.of(OutputTarget.parse("json=" + points))));

        assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(0, 20);
        assertThat(r.results().rate("checks", Map.of())).containsExactly(60, 60);
        assertThat(r.results().protocols()).containsExactly(Map.entry("HTTP/2.0", 20L));
        assertThat(logged(h2Tls))
                .hasSize(20)
                .allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/2.0"));
        // the connect and the TLS handshake of each new connection: k6's http_req_connecting
        assertThat(r.results().trend("http_req_connecting", Map.of()).max()).isPositive();
        assertThat(summary.toString(StandardCharsets.UTF_8)).contains("PROTOCOLS     HTTP/2.0=20");
        // k6's JSON points tag each request with the protocol it went over
        List<String> reqs = Files.readAllLines(points).stream()
                .filter(l -> l.startsWith("{\"type\":\"Point\"") && l.contains("\"metric\":\"http_reqs\""))
                .toList();
        assertThat(reqs).hasSize(20).allSatisfy(l -> assertThat(l).contains("\"proto\":\"HTTP/2.0\""));
    }

    @Test
    void h2cSpeaksHttp2WithPriorKnowledgeAndCarriesAJourney() throws IOException {
        String steps = """
                steps:
                  - name: code
                    url: http://127.0.0.1:PORT/code
                    capture: {code: {json: $.code}}
                    checks: {status: 200}
                  - name: echo
                    method: POST
                    url: http://127.0.0.1:PORT/echo/${code}
                    body: {code: "${code}"}
                    checks: {status: 200, bodyContains: "echo /echo/c"}
                """.replace("PORT", Integer.toString(h2c));
        LoadResult r = run("protocol: h2c", 15, 3, steps);

        assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(0, 30);
        assertThat(r.results().rate("checks", Map.of())).containsExactly(45, 45);
        assertThat(r.results().count("http_reqs", Map.of("name", "code"))).isEqualTo(15);
        assertThat(r.results().count("http_reqs", Map.of("name", "echo"))).isEqualTo(15);
        assertThat(r.results().count("data_sent")).isPositive();
        assertThat(r.results().count("data_received")).isPositive();
        List<Line> lines = logged(h2c).stream()
                .filter(l -> l.uri().equals("/code") || l.uri().startsWith("/echo/"))
                .toList();
        assertThat(lines).hasSize(30).allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/2.0"));
        assertThat(lines.stream().filter(l -> l.uri().startsWith("/echo/c"))).hasSize(15);
    }

    @Test
    void manyVusShareOneConnectionWithTheirStreamsInFlightAtOnce() throws IOException {
        LoadResult r = run(
                "protocol: h2c, threads: 1, connections: 1",
                8,
                8,
                "requests: [{url: \"http://127.0.0.1:" + h2c + "/slow.bin\", checks: {status: 200}}]");

        assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(0, 8);
        List<Line> lines =
                logged(h2c).stream().filter(l -> l.uri().equals("/slow.bin")).toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.stream().map(Line::connection).distinct()).hasSize(1);
        // Each response takes over a second (limit_rate); one after another they could not overlap.
        assertThat(mostAtOnce(lines)).isGreaterThan(1);
    }

    @Test
    void requestsAreCountedExactlyOnOneConnection() throws IOException {
        LoadResult r = run(
                "protocol: h2c, threads: 1, connections: 1, streamsPerConnection: 16",
                500,
                40,
                "requests: [{url: \"http://127.0.0.1:" + h2c + "/exact\", checks: {status: 200}}]");

        assertThat(r.results().count("http_reqs")).isEqualTo(500);
        assertThat(r.results().rate("checks", Map.of())).containsExactly(500, 500);
        List<Line> lines =
                logged(h2c).stream().filter(l -> l.uri().equals("/exact")).toList();
        assertThat(lines).hasSize(500);
        assertThat(lines.stream().map(Line::connection).distinct()).hasSize(1);
    }

    @Test
    void fallsBackToHttp11WhenTheServersAlpnLacksH2() throws IOException {
        LoadResult r = run(
                "insecureSkipTlsVerify: true, protocol: h2",
                12,
                3,
                "requests: [{url: \"https://localhost:" + h1Tls + "/\", checks: {bodyContains: \"HTTP/1.1\"}}]");

        assertThat(r.results().rate("checks", Map.of())).containsExactly(12, 12);
        assertThat(r.results().protocols()).containsExactly(Map.entry("HTTP/1.1", 12L));
        assertThat(logged(h1Tls))
                .hasSize(12)
                .allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/1.1"));
    }

    @Test
    void streamsPastAGoAwayAreSentAgainOnANewConnection() throws IOException {
        LoadResult r = run(
                "protocol: h2c, threads: 1, connections: 1",
                300,
                10,
                "requests: [{url: \"http://127.0.0.1:" + goAway + "/\", checks: {status: 200}}]");

        assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(0, 300);
        List<Line> lines = logged(goAway);
        assertThat(lines).hasSize(300);
        // keepalive_requests 25: nginx ends each connection with a GOAWAY after its 25th request
        assertThat(lines.stream().map(Line::connection).distinct().count()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aServerThatAllowsOneStreamAtATimeGetsOneAtATime() throws IOException {
        LoadResult r = run(
                "protocol: h2c, threads: 1, connections: 1, timeout: 20s",
                60,
                6,
                "requests: [{url: \"http://127.0.0.1:" + oneStream + "/\", checks: {status: 200}}]");

        // streams sent before nginx's SETTINGS arrived are refused (REFUSED_STREAM) and sent again, not failed
        assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(0, 60);
        List<Line> lines = logged(oneStream);
        assertThat(lines).hasSize(60);
        assertThat(lines.stream().map(Line::connection).distinct()).hasSize(1);
    }

    @Test
    void h2cIsRefusedForAnHttpsUrl() {
        String plan = plan("protocol: h2c", 1, 1, "requests: [\"https://localhost:" + h2Tls + "/\"]");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> LoadRun.run(new PlanParser().parse(plan, dir), quiet())))
                .hasMessageContaining("options.protocol: h2c (expected: http:// URLs only");
    }

    private static LoadResult run(String options, int iterations, int vus, String requests) {
        return LoadRun.run(new PlanParser().parse(plan(options, iterations, vus, requests), dir), quiet());
    }

    private static String plan(String options, int iterations, int vus, String requests) {
        return """
                options: {OPTIONS}
                scenarios:
                  s:
                    executor: shared-iterations
                    vus: VUS
                    iterations: ITERATIONS
                """.replace("OPTIONS", options)
                        .replace("VUS", Integer.toString(vus))
                        .replace("ITERATIONS", Integer.toString(iterations))
                + requests.lines().map(l -> "    " + l).collect(Collectors.joining("\n")) + "\n";
    }

    private static LoadOutput quiet() {
        return LoadOutput.quiet(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** One line of nginx's access log. */
    private record Line(int port, String protocol, long connection, int status, double end, double took, String uri) {
        double begin() {
            return end - took;
        }
    }

    /** What nginx logged for {@code port}, this test's requests only (each test uses its own paths or port). */
    private static List<Line> logged(int port) throws IOException {
        return Files.readAllLines(dir.resolve("access.log")).stream()
                .map(l -> l.split(" "))
                .map(f -> new Line(
                        Integer.parseInt(f[0]),
                        f[1],
                        Long.parseLong(f[2]),
                        Integer.parseInt(f[3]),
                        Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]),
                        f[6]))
                .filter(l -> l.port() == port)
                .toList();
    }

    /** The most requests nginx was serving at one instant. */
    private static int mostAtOnce(List<Line> lines) {
        int most = 0;
        for (Line l : lines) {
            double t = l.begin() + l.took() / 2;
            most = Math.max(most, (int)
                    lines.stream().filter(o -> o.begin() <= t && o.end() >= t).count());
        }
        return most;
    }
}
