package gale.loadgen.tls;

import static org.assertj.core.api.Assertions.assertThat;

import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.nginx.Nginx;
import gale.loadgen.plan.PlanParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    private static Nginx nginx;
    private static int open;
    private static int mutual;

    @BeforeAll
    static void start() throws Exception {
        Nginx.certificates(dir);
        open = Nginx.freePort();
        mutual = Nginx.freePort();
        nginx = Nginx.start(
                dir,
                """
                  access_log off;
                  ssl_session_tickets off; ssl_session_cache off;
                  server { listen 127.0.0.1:OPEN ssl default_server; TLS
                           location / { return 200 "default server\\n"; } }
                  server { listen 127.0.0.1:OPEN ssl; server_name localhost; TLS
                           location / { return 200 "sni=$ssl_server_name\\n"; } }
                  server { listen 127.0.0.1:MUTUAL ssl; TLS
                           ssl_verify_client on; ssl_client_certificate DIR/ca.pem;
                           location / { return 200 "client=$ssl_client_s_dn\\n"; } }
                """.replace("OPEN", Integer.toString(open))
                        .replace("MUTUAL", Integer.toString(mutual))
                        .replace("TLS", Nginx.tls(dir)),
                open,
                mutual);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
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
}
