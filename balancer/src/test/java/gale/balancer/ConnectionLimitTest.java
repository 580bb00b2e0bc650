package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HAProxy's maxconn per server with a queue: a target with {@code maxConnections} in flight gets no more, the next
 * request waits in the group's queue for a free slot, up to the queue's timeout, and the limit's use is told before it
 * bites. The backend answers only when the test lets it, so "slow" is a state, not a delay.
 */
@ExtendWith(LeakCheck.class)
class ConnectionLimitTest {
    /** Not idempotent: a request is never sent twice, so each one the backend sees is one the client sent. */
    private static final String SLOW = "POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx";
    /** Checks that a busy test machine can't fail: the target stays healthy throughout. */
    private static final HealthCheckConfig CALM_CHECKS =
            new HealthCheckConfig(TestBackend.HEALTH_PATH, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3, "200");

    private final RecordingObserver observer = new RecordingObserver();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Semaphore answers = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private TestBackend backend;
    private Balancer balancer;

    @AfterEach
    void stop() throws Exception {
        answers.release(1000); // lets the backend's held requests end
        for (AutoCloseable c : closing) {
            c.close();
        }
        balancer.close();
        backend.close();
    }

    private void start(ConnectionLimit limit) throws Exception {
        backend = TestBackend.start("a", (req, c) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            answers.acquireUninterruptibly();
            inFlight.decrementAndGet();
            c.respond(200, "slow");
        });
        TargetGroupConfig web = new TargetGroupConfig(
                        "web", Algorithm.ROUND_ROBIN, CALM_CHECKS, ms(2000), Duration.ZERO, List.of(backend.address()))
                .withConnectionLimit(limit);
        balancer = Fixtures.start(limits(100, Duration.ofSeconds(30), Duration.ofSeconds(30)), List.of(), web);
        balancer.setObserver(observer);
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
    }

    /** Sends a request on its own connection; the future has its response. */
    private CompletableFuture<RawHttp.Response> send() throws Exception {
        RawHttp http = new RawHttp(balancer.port(0));
        closing.add(http);
        http.send(SLOW);
        CompletableFuture<RawHttp.Response> response = new CompletableFuture<>();
        Thread.ofVirtual()
                .start(
                        () -> { // a thread each: the common pool would run blocking reads one at a time
                            try {
                                response.complete(http.read());
                            } catch (Exception e) {
                                response.completeExceptionally(e);
                            }
                        });
        return response;
    }

    private TargetGroup web() {
        return balancer.targetGroup("web");
    }

    @Test
    void thirdConcurrentRequestWaitsForAFreeSlotThenProceeds() throws Exception {
        start(new ConnectionLimit(2, Duration.ofSeconds(30), 10));
        List<CompletableFuture<RawHttp.Response>> responses = new ArrayList<>();
        responses.add(send());
        responses.add(send());
        await().until(() -> inFlight.get() == 2);

        responses.add(send());
        await().until(() -> web().queuedRequests() == 1);
        assertThat(backend.requestCount()).isEqualTo(2);
        assertThat(web().targets().getFirst().inFlight()).isEqualTo(2);

        answers.release(1);
        await().until(() -> backend.requestCount() == 3);
        assertThat(web().queuedRequests()).isZero();
        answers.release(2);

        for (CompletableFuture<RawHttp.Response> r : responses) {
            assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(mostInFlight).hasValue(2);
        assertThat(observer.events).contains("held web");
    }

    @Test
    void queuedRequestGets503WithRetryAfterWhenItsQueueTimeoutEnds() throws Exception {
        Duration queueTimeout = ms(300);
        start(new ConnectionLimit(2, queueTimeout, 10));
        CompletableFuture<RawHttp.Response> first = send();
        CompletableFuture<RawHttp.Response> second = send();
        await().until(() -> inFlight.get() == 2);
        long start = System.nanoTime();

        RawHttp.Response third = send().get(10, TimeUnit.SECONDS);

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.header("x-gale-error")).isEqualTo("queue-timeout");
        assertThat(third.header("retry-after")).isEqualTo("1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(queueTimeout);
        assertThat(backend.requestCount()).isEqualTo(2);
        assertThat(web().queuedRequests()).isZero();
        answers.release(2);
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(observer.events).contains("rejected queue-timeout");
    }

    @Test
    void requestBeyondMaxQueuedGets503QueueFullAtOnce() throws Exception {
        start(new ConnectionLimit(1, Duration.ofSeconds(30), 1));
        CompletableFuture<RawHttp.Response> first = send();
        await().until(() -> inFlight.get() == 1);
        CompletableFuture<RawHttp.Response> queued = send();
        await().until(() -> web().queuedRequests() == 1);

        RawHttp.Response full = send().get(10, TimeUnit.SECONDS);

        assertThat(full.status()).isEqualTo(503);
        assertThat(full.header("x-gale-error")).isEqualTo("queue-full");
        assertThat(full.header("retry-after")).isEqualTo("1");
        answers.release(2);
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(queued.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(observer.events).contains("limit-high web queue maxQueued 1/1");
    }

    @Test
    void limitUseIsToldOncePerCrossingOf80PercentNotPerRequest() throws Exception {
        start(new ConnectionLimit(2, Duration.ofSeconds(30), 10));
        List<CompletableFuture<RawHttp.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // two in flight, three queued: the target sits at its limit
            responses.add(send());
        }
        await().until(() -> web().queuedRequests() == 3);
        for (int i = 0; i < 3; i++) { // each answer frees a slot the next queued request takes at once
            answers.release(1);
            int reached = 3 + i;
            await().until(() -> backend.requestCount() == reached);
        }
        answers.release(2);
        for (CompletableFuture<RawHttp.Response> r : responses) {
            assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(observer.count("limit-high web target maxConnections")).isEqualTo(1);
        assertThat(observer.events).contains("limit-high web target maxConnections 2/2");
        await().until(() -> web().targets().getFirst().inFlight() == 0);

        responses.clear();
        responses.add(send());
        responses.add(send());
        await().until(() -> observer.count("limit-high web target maxConnections") == 2);
        answers.release(2);
        for (CompletableFuture<RawHttp.Response> r : responses) {
            assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void groupWithoutLimitSendsEveryRequestAtOnce() throws Exception {
        start(ConnectionLimit.UNLIMITED);
        List<CompletableFuture<RawHttp.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(send());
        }

        await().until(() -> inFlight.get() == 5);
        assertThat(web().queuedRequests()).isZero();
        answers.release(5);
        for (CompletableFuture<RawHttp.Response> r : responses) {
            assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(observer.events).noneMatch(e -> e.startsWith("limit-high"));
    }

    @Test
    void slotOfADrainingTargetIsNotGivenToAQueuedRequest() throws Exception {
        start(new ConnectionLimit(1, Duration.ofSeconds(30), 10));
        Semaphore secondAnswers = new Semaphore(0);
        try (TestBackend second = TestBackend.start("b", (req, c) -> {
            secondAnswers.acquireUninterruptibly();
            c.respond(200, "b");
        })) {
            web().register("b", second.address());
            await().until(() -> web().targets().stream().allMatch(t -> t.state() == TargetState.HEALTHY));
            CompletableFuture<RawHttp.Response> onA = send();
            CompletableFuture<RawHttp.Response> onB = send();
            await().until(() -> inFlight.get() == 1 && second.requestCount() == 1);
            CompletableFuture<RawHttp.Response> queued = send();
            await().until(() -> web().queuedRequests() == 1);

            web().deregister(web().targets().getFirst().id()); // a draining: its slot, once free, serves nobody
            answers.release(1);
            assertThat(onA.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);

            assertThat(web().queuedRequests()).isEqualTo(1);
            assertThat(queued).isNotDone();
            secondAnswers.release(2);
            assertThat(onB.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            RawHttp.Response r = queued.get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("b");
        }
    }
}
