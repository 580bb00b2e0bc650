package gale.control.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.StackOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API's defences, over real sockets against the real server (docs/api.md, "Security"). */
class AdminSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateRoot;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private AdminServer server;
    private String token;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        assertThat(StackOptions.defaults(0).adminHost()).isEqualTo("127.0.0.1");
        start(StackOptions.DEFAULT_ADMIN_HOST, AdminLimits.DEFAULTS);
        Optional<InetAddress> outside = nonLoopbackAddress();
        assumeTrue(outside.isPresent(), "this machine has no address beyond loopback");

        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(outside.get(), server.port()), 5_000);
                    }
                })
                .isInstanceOf(IOException.class);
        assertThat(send(get("/api/status")).statusCode()).isEqualTo(200);
    }

    @Test
    void beyondLoopbackEveryReadNeedsTheToken() throws Exception {
        start("0.0.0.0", AdminLimits.DEFAULTS);

        HttpResponse<String> anonymous = send(get("/api/status"));
        HttpResponse<String> wrong = send(get("/api/status").header("Authorization", "Bearer nope"));
        HttpResponse<String> page = send(get("/"));
        HttpResponse<String> allowed = send(get("/api/status").header("Authorization", "Bearer " + token));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(anonymous.body()).path("error").asText()).contains("token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void aFormPostFromAnotherSiteChangesNothingAndNoAnswerCarriesCorsHeaders() throws Exception {
        start("127.0.0.1", AdminLimits.DEFAULTS);

        HttpResponse<String> form = send(HttpRequest.newBuilder(url("/api/services/web/scale"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("desiredCount=0")));
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(url("/api/services/web/scale"))
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> read = send(get("/api/status").header("Origin", "http://evil.example"));

        assertThat(form.statusCode()).isEqualTo(401);
        assertThat(calls).doesNotContain("scale");
        assertThat(read.statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : List.of(form, preflight, read)) {
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413DeclaredOrChunked() throws Exception {
        start("127.0.0.1", new AdminLimits(1024, 100, 200));
        byte[] big = ("{\"desiredCount\":1,\"pad\":\"" + "x".repeat(4096) + "\"}").getBytes();

        HttpResponse<String> declared = send(auth(HttpRequest.newBuilder(url("/api/services/web/scale")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        // No length known in advance: the client sends it chunked, so only reading finds it too long.
        HttpResponse<String> chunked = send(auth(HttpRequest.newBuilder(url("/api/services/web/scale")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        HttpResponse<String> small = send(auth(HttpRequest.newBuilder(url("/api/services/web/scale")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"desiredCount\":1}")));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(declared.body()).path("error").asText()).contains("1024 bytes");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).path("error").asText()).contains("1024 bytes");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("scale");
    }

    @Test
    void aClientOverTheRateIsAnswered429WithRetryAfter() throws Exception {
        start("127.0.0.1", new AdminLimits(1024, 1, 5));

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(send(get("/api/status")));
        }

        assertThat(answers.subList(0, 5)).allMatch(r -> r.statusCode() == 200);
        List<HttpResponse<String>> refused =
                answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(refused).isNotEmpty();
        for (HttpResponse<String> r : refused) {
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 2L);
            assertThat(JSON.readTree(r.body()).path("error").asText()).contains("too many requests");
        }
    }

    private void start(String host, AdminLimits limits) {
        server = AdminServer.bind(host, 0, limits);
        StackDirectory directory = StackDirectory.create(stateRoot, server.port());
        token = directory.token();
        server.open(recordingStack(), token);
    }

    private StackControl recordingStack() {
        return (StackControl) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StackControl.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("status") ? JSON.createObjectNode() : null;
                });
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpRequest.Builder auth(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
