package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class ProxyTest {
    private TestBackend backend;
    private Balancer balancer;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(
                "a",
                (req, c) -> c.respond(
                        200,
                        req.method() + " " + req.path() + " " + new String(req.body()),
                        "Keep-Alive",
                        "timeout=30",
                        "X-Hop",
                        "secret",
                        "Connection",
                        "X-Hop"));
        balancer = Fixtures.start(group("web", backend));
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
    }

    @AfterEach
    void stop() throws Exception {
        balancer.close();
        backend.close();
    }

    @Test
    void closingTwiceStopsOnceAndDoesNotThrow() throws Exception {
        int port = balancer.port(0);

        balancer.close();
        assertThatCode(balancer::close).doesNotThrowAnyException();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void relaysRequestAndResponse() throws Exception {
        HttpResponse<String> r = get(balancer, "/hello?x=1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /hello?x=1 ");
    }

    @Test
    void streamsChunkedRequestBodyToTarget() throws Exception {
        HttpResponse<String> r = CLIENT.send(
                request(balancer, "/upload")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                "x".repeat(20_000).getBytes())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("POST /upload " + "x".repeat(20_000));
        assertThat(backend.requests().getLast().header("transfer-encoding")).isEqualTo("chunked");
    }

    @Test
    void setsForwardedHeadersAndStripsHopByHopBothWays() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            RawHttp.Response r = http.send("GET /h HTTP/1.1\r\nHost: example.com\r\nX-Forwarded-For: 10.0.0.1\r\n"
                            + "Connection: keep-alive, X-Private\r\nX-Private: 1\r\nKeep-Alive: timeout=5\r\n"
                            + "Proxy-Authorization: Basic x\r\nTE: trailers\r\nUpgrade: h2c\r\n\r\n")
                    .read();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers())
                    .doesNotContainKeys("keep-alive", "x-hop")
                    .doesNotContainEntry("connection", "X-Hop");
        }
        TestBackend.Request seen = backend.requests().getLast();
        assertThat(seen.header("x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(seen.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(seen.header("x-forwarded-port")).isEqualTo(String.valueOf(balancer.port(0)));
        assertThat(seen.header("host")).isEqualTo("example.com");
        assertThat(seen.headers())
                .doesNotContainKeys("x-private", "keep-alive", "proxy-authorization", "te", "upgrade", "connection");
    }

    @Test
    void keepsClientConnectionAliveAcrossRequests() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r =
                        http.send("GET /k" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.body()).isEqualTo("GET /k" + i + " ");
            }
            RawHttp.Response last = http.send("GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .read();
            assertThat(last.header("connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(backend.connectionCount() - backend.healthCheckCount()).isEqualTo(1);
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET /p1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(http.read().body()).isEqualTo("GET /p1 ");
            assertThat(http.read().body()).isEqualTo("GET /p2 ");
        }
    }

    @Test
    void answersHeadWithoutBody() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = http.readHeadOnly();
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 8");
            RawHttp.Response next =
                    http.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(next.body()).isEqualTo("GET /after ");
        }
    }

    @Test
    void reportsEachCompletedRequestToTheObserver() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        balancer.setObserver(observer);

        get(balancer, "/one");
        get(balancer, "/two");

        assertThat(observer.events).containsExactly("completed web 200", "completed web 200");
    }

    @Test
    void keepsHttp10ClientAliveWhenAsked() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            RawHttp.Response first = http.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    .read();
            assertThat(first.header("connection")).isEqualToIgnoringCase("keep-alive");

            RawHttp.Response second = http.send("GET /b HTTP/1.0\r\n\r\n").read();
            assertThat(second.body()).isEqualTo("GET /b ");
            assertThat(second.header("connection")).isEqualToIgnoringCase("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void relaysChunkedResponses() throws Exception {
        backend.behave((req, c) -> c.raw(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            RawHttp.Response r = http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(r.header("transfer-encoding")).isEqualToIgnoringCase("chunked");
            assertThat(r.body()).isEqualTo("hello world");
            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
                    .isEqualTo("hello world");
        }
    }
}
