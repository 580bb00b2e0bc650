package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests the balancer refuses itself: answered with a reason, never forwarded. */
@ExtendWith(LeakCheck.class)
class LimitsTest {
    private final RecordingObserver observer = new RecordingObserver();
    private TestBackend backend;
    private Balancer balancer;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start("a");
        balancer = Fixtures.start(limits(2, ms(500), Duration.ofSeconds(5)), List.of(), group("web", backend));
        balancer.setObserver(observer);
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
    }

    @AfterEach
    void stop() throws Exception {
        balancer.close();
        backend.close();
    }

    @Test
    void connectionBeyondTheLimitGets503WithRetryAfterNotASilentDrop() throws Exception {
        try (RawHttp first = new RawHttp(balancer.port(0));
                RawHttp second = new RawHttp(balancer.port(0))) {
            assertThat(first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status())
                    .isEqualTo(200);
            assertThat(second.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status())
                    .isEqualTo(200);

            try (RawHttp third = new RawHttp(balancer.port(0))) {
                RawHttp.Response r =
                        third.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();

                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("retry-after")).isEqualTo("1");
                assertThat(r.header("x-gale-error")).isEqualTo("connection-limit");
                assertThat(third.closedByServer()).isTrue();
            }
        }
        await().untilAsserted(() -> assertThat(get(balancer, "/").statusCode()).isEqualTo(200));
        assertThat(observer.events).contains("rejected connection-limit");
    }

    @Test
    void oversizeHeadersGet431() throws Exception {
        RawHttp.Response r = RawHttp.exchange(
                balancer.port(0), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        assertThat(r.status()).isEqualTo(431);
        assertThat(r.header("x-gale-error")).isEqualTo("header-too-large");
        assertThat(backend.requestCount()).isZero();
    }

    @Test
    void oversizeDeclaredBodyGets413AndIsNotForwarded() throws Exception {
        RawHttp.Response r = RawHttp.exchange(
                balancer.port(0), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "a".repeat(1000));

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("x-gale-error")).isEqualTo("body-too-large");
        assertThat(backend.requestCount()).isZero();
    }

    @Test
    void oversizeChunkedBodyGets413() throws Exception {
        String chunk = Integer.toHexString(30_000) + "\r\n" + "b".repeat(30_000) + "\r\n";
        RawHttp.Response r = RawHttp.exchange(
                balancer.port(0),
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk.repeat(3) + "0\r\n\r\n");

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("x-gale-error")).isEqualTo("body-too-large");
        assertThat(backend.requestCount()).isZero();
    }

    @Test
    void contentLengthWithTransferEncodingIsReadAsChunkedAndWhatFollowsIsNeverForwarded() throws Exception {
        RawHttp.Response r = RawHttp.exchange(
                balancer.port(0),
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(r.status()).isEqualTo(200); // Ambiguous: the default mode, defensive, forwards it and closes
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(backend.requestCount()).isEqualTo(1);
        assertThat(backend.requests().getFirst().header("content-length")).isNull();
        assertThat(backend.requests().getFirst().path()).isEqualTo("/");
    }

    @Test
    void differingDuplicateContentLengthsAre400AndNeverForwarded() throws Exception {
        RawHttp.Response r = RawHttp.exchange(
                balancer.port(0), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\nabc");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("x-gale-error")).isEqualTo("smuggling");
        assertThat(backend.requestCount()).isZero();
    }

    @Test
    void unknownTransferEncodingIs400AndNeverForwarded() throws Exception {
        RawHttp.Response r = RawHttp.exchange(
                balancer.port(0), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("x-gale-error")).isEqualTo("smuggling");
        assertThat(backend.requestCount()).isZero();
    }

    @Test
    void malformedRequestIs400() throws Exception {
        RawHttp.Response r = RawHttp.exchange(balancer.port(0), "HELLO THERE\r\n\r\n");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("x-gale-error")).isEqualTo("malformed-request");
        assertThat(backend.requestCount()).isZero();
    }

    @Test
    void idleClientConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status())
                    .isEqualTo(200);
            long start = System.nanoTime();

            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(ms(300), ms(5000));
        }
    }
}
