package gale.loadgen.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.plan.PlanParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a real nginx with certificates this test makes with openssl: an unknown CA fails unless
 * insecureSkipTlsVerify, SNI picks nginx's server by name, and a server that requires a client certificate gets
 * the plan's tlsAuth. Sessions are never resumed, so each run's handshake is its own.
 */
class TlsAgainstNginxTest {

    @TempDir
    static Path dir;

    private static Process nginx;
    private static int open;
    private static int mutual;

    @BeforeAll
    static void start() throws Exception {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=gale test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem");
        for (String who : List.of("server", "client")) {
            openssl(
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    who.equals("server") ? "/CN=localhost" : "/CN=gale-load",
                    "-keyout",
                    who + ".key",
                    "-out",
                    who + ".csr");
            Files.writeString(
                    dir.resolve(who + ".ext"),
                    who.equals("server")
                            ? "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n"
                            : "extendedKeyUsage=clientAuth\n");
            openssl(
                    "x509",
                    "-req",
                    "-in",
                    who + ".csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    who + ".ext",
                    "-out",
                    who + ".pem");
        }
        open = freePort();
        mutual = freePort();
        Files.createDirectories(dir.resolve("tmp"));
        String tls = "ssl_certificate " + dir.resolve("server.pem") + "; ssl_certificate_key "
                + dir.resolve("server.key") + ";";
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid DIR/nginx.pid;
                error_log DIR/error.log;
                events { worker_connections 256; }
                http {
                  access_log off;
                  ssl_session_tickets off; ssl_session_cache off;
                  client_body_temp_path DIR/tmp; proxy_temp_path DIR/tmp; fastcgi_temp_path DIR/tmp;
                  uwsgi_temp_path DIR/tmp; scgi_temp_path DIR/tmp;
                  server { listen 127.0.0.1:OPEN ssl default_server; TLS
                           location / { return 200 "default server\\n"; } }
                  server { listen 127.0.0.1:OPEN ssl; server_name localhost; TLS
                           location / { return 200 "sni=$ssl_server_name\\n"; } }
                  server { listen 127.0.0.1:MUTUAL ssl; TLS
                           ssl_verify_client on; ssl_client_certificate DIR/ca.pem;
                           location / { return 200 "client=$ssl_client_s_dn\\n"; } }
                }
                """.replace("DIR", dir.toString())
                .replace("OPEN", Integer.toString(open))
                .replace("MUTUAL", Integer.toString(mutual))
                .replace("TLS", tls));
        nginx = new ProcessBuilder(
                        "nginx",
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(20)).until(() -> listening(open) && listening(mutual));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
    }

    private static LoadResult run(String url, String options) {
        String plan = """
                options: {OPTIONS}
                scenarios:
                  s:
                    executor: shared-iterations
                    vus: 2
                    iterations: 6
                    requests: [URL]
                """.replace("URL", url).replace("OPTIONS", options);
        return LoadRun.run(
                new PlanParser().parse(plan, dir),
                LoadOutput.quiet(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    /** Runs requests to {@code url} checking for status 200 and {@code body}. */
    private static LoadResult runChecked(String url, String body, String options) {
        return run("{url: \"" + url + "\", checks: {status: 200, bodyContains: \"" + body + "\"}}", options);
    }

    @Test
    void aCertificateFromAnUnknownCaFailsEveryRequestUnlessVerificationIsSkipped() {
        LoadResult verified = run("https://localhost:" + open + "/", "timeout: 10s");
        assertThat(verified.results().rate("http_req_failed", Map.of())).containsExactly(6, 6);
        assertThat(verified.results().statuses()).isEmpty();

        LoadResult skipped =
                runChecked("https://localhost:" + open + "/", "sni=localhost", "insecureSkipTlsVerify: true");
        assertThat(skipped.results().rate("http_req_failed", Map.of())).containsExactly(0, 6);
        assertThat(skipped.results().rate("checks", Map.of())).containsExactly(12, 12);
    }

    @Test
    void sniNamesTheHostSoNginxPicksItsServerByName() {
        LoadResult byName =
                runChecked("https://localhost:" + open + "/", "sni=localhost", "insecureSkipTlsVerify: true");
        LoadResult byAddress =
                runChecked("https://127.0.0.1:" + open + "/", "default server", "insecureSkipTlsVerify: true");

        assertThat(byName.results().rate("checks", Map.of())).containsExactly(12, 12);
        assertThat(byAddress.results().rate("checks", Map.of())).containsExactly(12, 12);
    }

    @Test
    void aServerThatRequiresAClientCertificateGetsTheOneInTlsAuth() {
        String url = "https://localhost:" + mutual + "/";
        LoadResult without = run(url, "insecureSkipTlsVerify: true");
        LoadResult with = runChecked(
                url,
                "client=CN=gale-load",
                "insecureSkipTlsVerify: true, tlsAuth: [{cert: client.pem, key: client.key}]");

        assertThat(without.results().statuses()).containsOnlyKeys(400);
        assertThat(with.results().statuses()).containsOnlyKeys(200);
        assertThat(with.results().rate("checks", Map.of())).containsExactly(12, 12);
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
