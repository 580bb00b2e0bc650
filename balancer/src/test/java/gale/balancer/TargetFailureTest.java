package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a client sees when targets refuse, reset, stall, hang, close or talk nonsense. */
@ExtendWith(LeakCheck.class)
class TargetFailureTest {
    /** Checks too slow to matter within a test: only passive detection acts. */
    private static final HealthCheckConfig SLOW_CHECKS =
            new HealthCheckConfig(TestBackend.HEALTH_PATH, Duration.ofSeconds(30), Duration.ofSeconds(1), 2, 2, "200");

    private final RecordingObserver observer = new RecordingObserver();
    private final CountDownLatch never = new CountDownLatch(1);
    private Balancer balancer;
    private TestBackend backend;

    @AfterEach
    void stop() throws IOException {
        never.countDown();
        if (balancer != null) {
            balancer.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void startWith(ListenerLimits limits, HealthCheckConfig checks, InetSocketAddress... targets) {
        TargetGroupConfig group =
                new TargetGroupConfig("web", Algorithm.ROUND_ROBIN, checks, ms(500), Duration.ZERO, List.of(targets));
        balancer = Fixtures.start(limits, List.of(), group);
        balancer.setObserver(observer);
    }

    private TargetSnapshot target(InetSocketAddress address) {
        return balancer.targetGroup("web").targets().stream()
                .filter(t -> t.address().getPort() == address.getPort())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void refusedConnectionGoesToAnotherTargetWhateverTheMethodAndMarksItDown() throws Exception {
        backend = TestBackend.start("up");
        InetSocketAddress refusing = TestBackend.refusingAddress();
        startWith(testLimits(), SLOW_CHECKS, refusing, backend.address());

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = CLIENT.send(
                    request(balancer, "/p" + i)
                            .POST(HttpRequest.BodyPublishers.ofString("body"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }

        assertThat(backend.requestCount()).isEqualTo(4);
        assertThat(target(refusing).state()).isEqualTo(TargetState.UNHEALTHY);
        assertThat(target(refusing).reason()).isEqualTo("Target.ConnectionRefused");
        assertThat(observer.count("retried CONNECT_FAILED")).isEqualTo(1);
    }

    @Test
    void refusedEverywhereIsBadGateway() throws Exception {
        startWith(testLimits(), SLOW_CHECKS, TestBackend.refusingAddress(), TestBackend.refusingAddress());

        HttpResponse<String> r = get(balancer, "/");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("x-gale-error")).hasValue("target-refused");
        assertThat(observer.events).contains("rejected target-refused");
    }

    @Test
    void resetMidResponseCutsTheClientOffAndMarksTargetDown() throws Exception {
        backend = TestBackend.start("reset", (req, c) -> {
            c.raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            c.reset();
        });
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = http.readHeadOnly();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(http.closedByServerAfterBytes(10)).isTrue();
        }
        await().untilAsserted(
                        () -> assertThat(target(backend.address()).reason()).isEqualTo("Target.ConnectionReset"));
        assertThat(target(backend.address()).state()).isEqualTo(TargetState.UNHEALTHY);
    }

    @Test
    void hungTargetIsGatewayTimeoutAfterRequestTimeout() throws Exception {
        backend = TestBackend.start("hung", (req, c) -> awaitQuietly(never));
        startWith(limits(100, Duration.ofSeconds(10), ms(300)), SLOW_CHECKS, backend.address());

        long start = System.nanoTime();
        HttpResponse<String> r = get(balancer, "/");

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.headers().firstValue("x-gale-error")).hasValue("target-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(ms(250), ms(3000));
    }

    @Test
    void slowTargetWithinTheTimeoutIsServed() throws Exception {
        backend = TestBackend.start("slow", (req, c) -> {
            sleepQuietly(300); // the target's own slowness, not a wait for a condition
            c.respond(200, "late");
        });
        startWith(limits(100, Duration.ofSeconds(10), ms(3000)), SLOW_CHECKS, backend.address());

        HttpResponse<String> r = get(balancer, "/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("late");
    }

    @Test
    void keepAliveClosedByTargetAsRequestArrivesIsRetriedNotAClientError() throws Exception {
        // The target closes a reused connection on its second request without answering: the race every proxy
        // meets when a target drops an idle keep-alive just as a request goes out on it.
        backend = TestBackend.start("racy", (req, c) -> {
            if (c.requestsOnConnection == 2) {
                c.close();
            } else {
                c.respond(200, "fine");
            }
        });
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = get(balancer, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("fine");
        }
        assertThat(observer.count("retried NO_RESPONSE")).isGreaterThanOrEqualTo(1);
        assertThat(observer.count("rejected")).isZero();
    }

    @Test
    void keepAliveClosedByTargetWhileIdleIsNeverUsed() throws Exception {
        backend = TestBackend.start("closer");
        backend.closeIdleAfter = ms(200);
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
        await().until(() -> backend.idleClosedCount() >= 1);
        HttpResponse<String> r = get(balancer, "/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(backend.requestConnections()).isEqualTo(2);
        assertThat(observer.count("rejected")).isZero();
    }

    @Test
    void honoursTargetKeepAliveTimeoutHint() throws Exception {
        backend = TestBackend.start("hinting", TargetFailureTest::okWithOneSecondKeepAlive);
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
        assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
        assertThat(backend.requestConnections()).isEqualTo(1);
        sleepQuietly(800); // idle longer than the hinted limit (1 s less a margin): the scenario itself
        assertThat(get(balancer, "/").statusCode()).isEqualTo(200);

        assertThat(backend.requestConnections()).isEqualTo(2);
    }

    @Test
    void aPoolLargerThanTheSteadyLoadStaysWarm() throws Exception {
        backend = TestBackend.start("hinting", TargetFailureTest::okWithOneSecondKeepAlive); // idle limit: 500 ms
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        twoAtOnce(); // two target connections
        for (int i = 0; i < 16; i++) {
            assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
            sleepQuietly(50); // one request at a time for ~0.8 s, longer than the idle limit: the scenario itself
        }
        twoAtOnce();

        // both connections were used before they idled out: none closed and opened again
        assertThat(backend.requestConnections()).isEqualTo(2);
    }

    /** Two requests the target answers only once both have arrived, so they travel on two connections. */
    private void twoAtOnce() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        backend.behave((req, c) -> {
            both.countDown();
            awaitQuietly(both);
            okWithOneSecondKeepAlive(req, c);
        });
        var first = CLIENT.sendAsync(request(balancer, "/").build(), HttpResponse.BodyHandlers.ofString());
        var second = CLIENT.sendAsync(request(balancer, "/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(second.get().statusCode()).isEqualTo(200);
        backend.behave(TargetFailureTest::okWithOneSecondKeepAlive);
    }

    private static void okWithOneSecondKeepAlive(TestBackend.Request req, TestBackend.Connection c) throws IOException {
        c.respond(200, "ok", "Keep-Alive", "timeout=1");
    }

    @Test
    void garbageFromTargetIsBadGateway() throws Exception {
        backend = TestBackend.start("garbage", (req, c) -> {
            c.raw("SMTP ready\r\n\r\n");
            c.close();
        });
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        HttpResponse<String> r = get(balancer, "/");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("x-gale-error")).hasValue("bad-response");
    }

    @Test
    void nonIdempotentRequestIsNotSentTwiceWhenTargetClosesWithoutAnswer() throws Exception {
        backend = TestBackend.start("closer", (req, c) -> c.close());
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        HttpResponse<String> r = CLIENT.send(
                request(balancer, "/order")
                        .POST(HttpRequest.BodyPublishers.ofString("buy"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("x-gale-error")).hasValue("target-closed");
        assertThat(backend.requestCount()).isEqualTo(1);
    }

    @Test
    void clientGoneMidRequestLeavesTheTargetConnectionForTheNextRequest() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        backend = TestBackend.start("late", (req, c) -> {
            if (req.path().equals("/slow")) {
                awaitQuietly(answer);
            }
            c.respond(200, "ok");
        });
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            await().until(() -> backend.requestCount() == 1);
        }
        int first = backend.requests().get(0).connectionId();
        answer.countDown();

        // Had the balancer closed that connection, no later request could arrive on it.
        await().untilAsserted(() -> {
            assertThat(get(balancer, "/next").statusCode()).isEqualTo(200);
            assertThat(backend.requests().getLast().connectionId()).isEqualTo(first);
        });
    }

    @Test
    void abandonedResponseThatDoesNotEndCostsItsConnection() throws Exception {
        CountDownLatch closedByBalancer = new CountDownLatch(1);
        backend = TestBackend.start("stalls", (req, c) -> {
            if (!req.path().equals("/stall")) {
                c.respond(200, "ok");
                return;
            }
            c.raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            if (c.socket.getInputStream().read() == -1) {
                closedByBalancer.countDown();
            }
            c.closed = true;
        });
        startWith(testLimits(), SLOW_CHECKS, backend.address());

        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET /stall HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(http.readHeadOnly()).startsWith("HTTP/1.1 200");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> closedByBalancer.getCount() == 0);
        assertThat(get(balancer, "/next").statusCode()).isEqualTo(200);
        assertThat(backend.requests().getLast().connectionId())
                .isNotEqualTo(backend.requests().get(0).connectionId());
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
