package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scale to zero: a group without targets holds requests for its first healthy target, bounded in time and number. */
@ExtendWith(LeakCheck.class)
class HoldWhenEmptyTest {
    private static final String GET = "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n";

    private final RecordingObserver observer = new RecordingObserver();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Balancer balancer;
    private TestBackend backend;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (balancer != null) {
            balancer.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void start(Duration hold, int maxHeld) throws Exception {
        backend = TestBackend.start("web-1");
        balancer = Fixtures.start(
                group("web", Algorithm.ROUND_ROBIN).withHoldWhenEmpty(hold).withMaxHeldRequests(maxHeld));
        balancer.setObserver(observer);
    }

    private RawHttp client() throws Exception {
        RawHttp http = new RawHttp(balancer.port(0));
        closing.add(http);
        return http;
    }

    private TargetGroup web() {
        return balancer.targetGroup("web");
    }

    private long proxiedRequests() {
        return backend.requests().stream()
                .filter(r -> !r.path().equals(TestBackend.HEALTH_PATH))
                .count();
    }

    @Test
    void heldRequestIsAnsweredByTheFirstTargetToTurnHealthy() throws Exception {
        start(Duration.ofSeconds(10), 100);
        RawHttp http = client().send(GET);
        CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> read(http));
        await().atMost(Duration.ofSeconds(5)).until(() -> web().heldRequests() == 1);
        assertThat(observer.events).contains("held web");

        backend.healthStatus.set(503); // registered but failing its checks: still starting, not worth the request
        web().register("web-1", backend.address());
        awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);
        assertThat(web().heldRequests()).isEqualTo(1);
        assertThat(proxiedRequests()).isZero();

        backend.healthStatus.set(200);
        RawHttp.Response response = answer.get(5, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("web-1");
        assertThat(web().heldRequests()).isZero();
        assertThat(proxiedRequests()).isEqualTo(1);
        assertThat(http.send(GET).read().body()).isEqualTo("web-1"); // the connection is still good
    }

    @Test
    void heldRequestIsAnswered503WhenNoTargetArrivesInTime() throws Exception {
        start(ms(300), 100);
        RawHttp http = client();
        long started = System.nanoTime();

        RawHttp.Response response = http.send(GET).read();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("X-Gale-Error")).isEqualTo("no-target-hold-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(300));
        assertThat(web().heldRequests()).isZero();
        assertThat(observer.events).containsSubsequence("held web", "rejected no-target-hold-timeout");
        assertThat(http.send(GET).read().header("X-Gale-Error"))
                .as("a keep-alive connection is kept for the next request")
                .isEqualTo("no-target-hold-timeout");
    }

    @Test
    void heldRequestIsDroppedWhenItsClientGoes() throws Exception {
        start(Duration.ofSeconds(10), 100);
        RawHttp http = client().send(GET);
        await().atMost(Duration.ofSeconds(5)).until(() -> web().heldRequests() == 1);

        http.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> web().heldRequests() == 0);
        web().register("web-1", backend.address());
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
        assertThat(get(balancer, "/after").body()).isEqualTo("web-1");
        assertThat(backend.requests())
                .extracting(TestBackend.Request::path)
                .doesNotContain("/hello")
                .contains("/after");
    }

    @Test
    void requestsBeyondTheCapAreAnswered503AtOnce() throws Exception {
        start(Duration.ofSeconds(10), 2);
        RawHttp first = client().send(GET);
        RawHttp second = client().send(GET);
        await().atMost(Duration.ofSeconds(5)).until(() -> web().heldRequests() == 2);

        RawHttp.Response third = client().send(GET).read();

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.header("X-Gale-Error")).isEqualTo("no-target");
        web().register("web-1", backend.address());
        assertThat(first.read().status()).isEqualTo(200);
        assertThat(second.read().status()).isEqualTo(200);
    }

    @Test
    void groupWithoutHoldAnswers503AtOnce() throws Exception {
        start(Duration.ZERO, 100);

        RawHttp.Response response = client().send(GET).read();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("X-Gale-Error")).isEqualTo("no-target");
        assertThat(observer.events).doesNotContain("held web");
    }

    private static RawHttp.Response read(RawHttp http) {
        try {
            return http.read();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
