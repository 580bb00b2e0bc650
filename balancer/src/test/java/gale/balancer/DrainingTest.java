package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deregistration drains exactly: no new requests, in-flight ones finish, idle connections close, then done. */
@ExtendWith(LeakCheck.class)
class DrainingTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private TestBackend leaving;
    private TestBackend staying;
    private Balancer balancer;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        balancer.close();
        leaving.close();
        staying.close();
    }

    private void start(Duration deregistrationDelay) throws Exception {
        leaving = TestBackend.start("leaving", (req, c) -> {
            if (req.path().equals("/slow")) {
                TargetFailureTest.awaitQuietly(release);
            }
            c.respond(200, "leaving");
        });
        staying = TestBackend.start("staying");
        balancer = Fixtures.start(new TargetGroupConfig(
                "web", Algorithm.ROUND_ROBIN, FAST_CHECKS, deregistrationDelay, Duration.ZERO, List.of()));
        balancer.targetGroup("web").register("leaving", leaving.address());
        balancer.targetGroup("web").register("staying", staying.address());
        awaitStates(balancer, "web", TargetState.HEALTHY, 2);
    }

    /** Sends slow requests until one is in flight on the leaving target. */
    private CompletableFuture<HttpResponse<String>> slowRequestOnLeavingTarget() {
        for (int attempt = 0; attempt < 10; attempt++) {
            CompletableFuture<HttpResponse<String>> r =
                    CLIENT.sendAsync(request(balancer, "/slow").build(), HttpResponse.BodyHandlers.ofString());
            await().pollInterval(ms(5)).until(() -> slowOnLeaving() == 1 || r.isDone());
            if (slowOnLeaving() == 1) {
                return r;
            }
        }
        throw new AssertionError("no slow request reached the leaving target in 10 tries");
    }

    private long slowOnLeaving() {
        return leaving.requests().stream().filter(r -> r.path().equals("/slow")).count();
    }

    @Test
    void inFlightRequestFinishesNewOnesGoElsewhereAndFutureCompletesAfter() throws Exception {
        start(Duration.ofSeconds(10));
        assertThat(get(balancer, "/warm").statusCode()).isEqualTo(200); // leaves a pooled connection behind
        assertThat(get(balancer, "/warm").statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<String>> inFlight = slowRequestOnLeavingTarget();
        int leavingBefore = leaving.requestCount();

        CompletableFuture<Void> drained = balancer.targetGroup("web").deregister("leaving");

        assertThat(balancer.targetGroup("web").targets())
                .filteredOn(t -> t.id().equals("leaving"))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.state()).isEqualTo(TargetState.DRAINING);
                    assertThat(t.reason()).isEqualTo("Target.DeregistrationInProgress");
                    assertThat(t.inFlight()).isEqualTo(1);
                });
        for (int i = 0; i < 6; i++) {
            assertThat(get(balancer, "/").body()).isEqualTo("staying");
        }
        assertThat(leaving.requestCount()).isEqualTo(leavingBefore);
        assertThat(drained).isNotDone();

        release.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        drained.get(5, TimeUnit.SECONDS);
        assertThat(balancer.targetGroup("web").targets())
                .extracting(TargetSnapshot::id)
                .containsExactly("staying");
        await().until(() -> leaving.openConnections() == 0);
    }

    @Test
    void deregistrationDelayBoundsTheWait() throws Exception {
        start(ms(300));
        slowRequestOnLeavingTarget();
        long start = System.nanoTime();

        balancer.targetGroup("web").deregister("leaving").get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(ms(250), ms(3000));
        assertThat(balancer.targetGroup("web").targets())
                .extracting(TargetSnapshot::id)
                .containsExactly("staying");
    }

    @Test
    void deregisteringAnUnknownTargetCompletesAtOnce() throws Exception {
        start(ms(300));

        assertThat(balancer.targetGroup("web").deregister("nobody")).isDone();
    }
}
