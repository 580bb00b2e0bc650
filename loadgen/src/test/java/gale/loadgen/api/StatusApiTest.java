package gale.loadgen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's bounds, sent as raw HTTP over a real socket: what it refuses never reaches the test. */
class StatusApiTest {

    private StatusApi api;
    private final List<StatusPatch> applied = new ArrayList<>();
    private final RunStatus status = new RunStatus(true, false, false, 2, 10, 2, 2, 5, 9, 0, 1.5);

    @BeforeEach
    void start() {
        api = StatusApi.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A fake test: records what it was asked. */
    private void attach() {
        api.attach(new RunControl() {
            @Override
            public RunStatus status() {
                return status;
            }

            @Override
            public RunStatus apply(StatusPatch patch) {
                applied.add(patch);
                return status;
            }
        });
    }

    private String send(String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                            + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String request(String method, String path, String body) throws IOException {
        return send(
                method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + api.address().getPort(),
                body);
    }

    @Test
    void answersBeforeTheTestStartsWith503() throws IOException {
        assertThat(request("GET", "/v1/status", "")).startsWith("HTTP/1.1 503").contains("not started yet");
    }

    @Test
    void readsAndPatchesTheStatusInK6sEnvelopeOrBare() throws IOException {
        attach();
        assertThat(request("GET", "/v1/status", ""))
                .startsWith("HTTP/1.1 200")
                .contains("{\"data\":{\"type\":\"status\",\"id\":\"default\",\"attributes\":{\"running\":true");
        request(
                "PATCH",
                "/v1/status",
                "{\"data\":{\"type\":\"status\",\"id\":\"default\",\"attributes\":"
                        + "{\"status\":7,\"vus\":5,\"paused\":null,\"running\":true,\"tainted\":false}}}");
        request("PATCH", "/v1/status", "{\"paused\":true}");
        assertThat(applied)
                .containsExactly(new StatusPatch(5, null, null, null), new StatusPatch(null, null, true, null));
    }

    @Test
    void refusesWhatIsNotAStatusPatch() throws IOException {
        attach();
        assertThat(request("PATCH", "/v1/status", "{\"vus\":"))
                .startsWith("HTTP/1.1 400")
                .contains("not JSON");
        assertThat(request("PATCH", "/v1/status", "{\"vu\":3}"))
                .startsWith("HTTP/1.1 400")
                .contains("'vu' is not a status attribute");
        assertThat(request("PATCH", "/v1/status", "{\"vus\":\"3\"}"))
                .startsWith("HTTP/1.1 400")
                .contains("vus: \\\"3\\\" (expected: a whole number)");
        assertThat(request("PATCH", "/v1/status", "{\"vus\":" + "1".repeat(5000) + "}"))
                .startsWith("HTTP/1.1 413");
        assertThat(request("POST", "/v1/status", "{}"))
                .startsWith("HTTP/1.1 405")
                .contains("Allow: GET, PATCH");
        assertThat(request("GET", "/v1/metrics", "")).startsWith("HTTP/1.1 404");
        assertThat(send("GET /v1/status HTTP/1.1\r\nHost: evil.example:6565", ""))
                .startsWith("HTTP/1.1 403")
                .contains("Host: evil.example:6565");
        assertThat(applied).isEmpty();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(StatusApi.address("127.0.0.1:6565").getPort()).isEqualTo(6565);
        assertThat(StatusApi.address("localhost:0").getAddress().isLoopbackAddress())
                .isTrue();
        assertThat(StatusApi.address("[::1]:7000").getPort()).isEqualTo(7000);
        assertThatThrownBy(() -> StatusApi.address("0.0.0.0:6565"))
                .hasMessageStartingWith("--address: 0.0.0.0 is beyond loopback");
        assertThatThrownBy(() -> StatusApi.address("6565")).hasMessageStartingWith("--address: '6565'");
        assertThatThrownBy(() -> StatusApi.start(api.address()))
                .hasMessageContaining(
                        "cannot listen on 127.0.0.1:" + api.address().getPort());
    }
}
