package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slow clients on real sockets: a head that dribbles in (slowloris) and a body that stops are cut off by their own
 * timeouts, a client that is merely slow between body parts and a keep-alive connection that waits between requests
 * are not.
 */
@ExtendWith(LeakCheck.class)
class SlowClientTest {
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration HEADER = ms(600);
    private static final Duration BODY = ms(600);
    /** The attacker's pace: well inside every timeout, so that only the head's total time can catch it. */
    private static final long DRIP_MILLIS = 150;

    private final RecordingObserver observer = new RecordingObserver();
    private TestBackend backend;
    private Balancer balancer;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start("a");
        balancer = Fixtures.start(
                clientLimits(100, IDLE, HEADER, BODY, Duration.ofSeconds(5)), List.of(), group("web", backend));
        balancer.setObserver(observer);
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
    }

    @AfterEach
    void stop() throws Exception {
        balancer.close();
        backend.close();
    }

    @Test
    void headThatDribblesInGets408AfterTheHeaderTimeout() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET / HTTP/1.1\r\nHost: x\r\n");
            AtomicBoolean stop = new AtomicBoolean();
            Thread drip = Thread.ofVirtual().start(() -> dripHeaders(http, stop));
            long start = System.nanoTime();

            RawHttp.Response r = http.read();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            stop.set(true);
            drip.join();

            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("x-gale-error")).isEqualTo("header-timeout");
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(took).isBetween(HEADER.minusMillis(50), IDLE);
        }
        assertThat(backend.requestCount()).isZero();
        await().untilAsserted(() -> assertThat(observer.events)
                .contains("timed-out request_header", "rejected header-timeout")
                .doesNotContain("timed-out idle"));
    }

    @Test
    void bodyThatStopsGets408AfterTheBodyReadTimeout() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            long start = System.nanoTime();

            RawHttp.Response r = http.read();

            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("x-gale-error")).isEqualTo("client-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(BODY.minusMillis(50), IDLE);
            assertThat(http.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(observer.events).contains("timed-out body_read"));
    }

    @Test
    void bodyThatKeepsComingIsForwardedHoweverLongItTakesInAll() throws Exception {
        int parts = 12; // 12 × 150 ms: three times the header and the body timeout, in all
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + parts + "\r\n\r\n");
            for (int i = 0; i < parts; i++) {
                Thread.sleep(DRIP_MILLIS); // the client's own pace, the behaviour under test
                http.send("x");
            }

            assertThat(http.read().status()).isEqualTo(200);
        }
        assertThat(backend.requests())
                .anySatisfy(q -> assertThat(new String(q.body())).isEqualTo("x".repeat(parts)));
        assertThat(observer.events).noneMatch(e -> e.startsWith("timed-out"));
    }

    @Test
    void keepAliveConnectionWaitsTheIdleTimeoutNotTheHeaderTimeout() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status())
                    .isEqualTo(200);
            Thread.sleep(HEADER.multipliedBy(3).toMillis()); // idle between requests, past the head's timeout

            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status())
                    .isEqualTo(200);
            long start = System.nanoTime();

            assertThat(http.closedByServer()).isTrue(); // nothing sent: no 408 on an idle connection
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        }
        await().untilAsserted(() -> assertThat(observer.events).contains("timed-out idle"));
        assertThat(observer.events).doesNotContain("timed-out request_header");
    }

    @Test
    void connectionThatNeverSendsIsClosedSilentlyAfterTheHeaderTimeout() throws Exception {
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            long start = System.nanoTime();

            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(HEADER.minusMillis(50), IDLE);
        }
        await().untilAsserted(() -> assertThat(observer.events).contains("timed-out request_header"));
        assertThat(observer.events).noneMatch(e -> e.startsWith("rejected"));
    }

    @Test
    void normalClientsAreServedWhileSlowClientsHoldConnections() throws Exception {
        try (RawHttp slowHead = new RawHttp(balancer.port(0));
                RawHttp slowBody = new RawHttp(balancer.port(0))) {
            slowHead.send("GET / HTTP/1.1\r\nHost: x\r\n");
            slowBody.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n01234");
            AtomicBoolean stop = new AtomicBoolean();
            Thread drip = Thread.ofVirtual().start(() -> dripHeaders(slowHead, stop));
            try (RawHttp normal = new RawHttp(balancer.port(0))) {
                for (int i = 0; i < 20; i++) {
                    RawHttp.Response r = normal.send("POST /n HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok")
                            .read();
                    assertThat(r.status()).isEqualTo(200);
                }
            }
            assertThat(slowHead.read().status()).isEqualTo(408);
            assertThat(slowBody.read().status()).isEqualTo(408);
            stop.set(true);
            drip.join();
        }
        assertThat(observer.events).contains("completed web 200");
    }

    /** A slowloris: one more header line at its pace, until stopped or cut off. */
    private static void dripHeaders(RawHttp http, AtomicBoolean stop) {
        try {
            for (int i = 0; !stop.get(); i++) {
                Thread.sleep(DRIP_MILLIS);
                http.send("X-Drip-" + i + ": a\r\n");
            }
        } catch (IOException | InterruptedException closed) {
            // cut off: what the test waits for
        }
    }
}
