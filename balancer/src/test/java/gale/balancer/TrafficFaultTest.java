package gale.balancer;

import static gale.balancer.Fixtures.CLIENT;
import static gale.balancer.Fixtures.awaitStates;
import static gale.balancer.Fixtures.get;
import static gale.balancer.Fixtures.group;
import static gale.balancer.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traffic faults seen by real clients through a real balancer: each kind's effect, its toxicity, its scope, its
 * marks, and the clean requests after it ends.
 */
@ExtendWith(LeakCheck.class)
class TrafficFaultTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final int BIG_BODY = 120_000;

    private TestBackend a;
    private TestBackend b;
    private Balancer balancer;
    private final RecordingObserver observer = new RecordingObserver();

    @BeforeEach
    void start() throws Exception {
        a = TestBackend.start("a", (req, c) -> c.respond(200, req.path().equals("/big") ? "x".repeat(BIG_BODY) : "a"));
        b = TestBackend.start("b");
        balancer = Fixtures.start(group("web", a, b));
        balancer.setObserver(observer);
        awaitStates(balancer, "web", TargetState.HEALTHY, 2);
    }

    @AfterEach
    void stop() throws Exception {
        balancer.close();
        a.close();
        b.close();
    }

    @Test
    void latencyHoldsEveryRequestForTheDelayThenRevertsAtClear() throws Exception {
        TrafficFaultHandle fault =
                balancer.injectFault(TrafficFault.latency("web", Duration.ofMillis(400), Duration.ZERO, LONG));

        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = get(balancer, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
        assertThat(observer.count("fault http-latency")).isEqualTo(4);

        fault.revert();

        assertThat(fault.active()).isFalse();
        assertClean(10);
        assertThat(observer.count("fault ")).isEqualTo(4);
    }

    @Test
    void latencyJitterKeepsEachDelayWithinItsBounds() throws Exception {
        balancer.injectFault(TrafficFault.latency("web", Duration.ofMillis(300), Duration.ofMillis(200), LONG));

        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void errorAnswersTheRateOfRequestsInTheTargetsPlaceMarkedAsInjected() throws Exception {
        balancer.injectFault(TrafficFault.error("web", 0.3, 500, LONG));
        int n = 400;

        List<HttpResponse<String>> responses = send(n);

        List<HttpResponse<String>> injected = responses.stream()
                .filter(r -> r.headers().firstValue("x-gale-fault").isPresent())
                .toList();
        assertThat(injected.size()).isBetween(80, 160); // 120 expected; binomial sd ~9
        assertThat(injected).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("x-gale-fault")).hasValue("http-error");
        });
        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(n - injected.size());
        assertThat(a.requestCount() + b.requestCount()).isEqualTo(n - injected.size()); // the targets never saw them
        assertThat(observer.events)
                .filteredOn(e -> e.startsWith("fault http-error"))
                .hasSize(injected.size())
                .allSatisfy(e -> assertThat(e).endsWith(" 500"));
    }

    @Test
    void toxicityAffectsThatFractionOfRequests() throws Exception {
        balancer.injectFault(TrafficFault.error("web", 1.0, 503, LONG).withToxicity(0.25));

        long injected = send(400).stream().filter(r -> r.statusCode() == 503).count();

        assertThat(injected).isBetween(60L, 140L); // 100 expected; binomial sd ~9
    }

    @Test
    void faultOnOneTargetLeavesTheOthersRequestsAlone() throws Exception {
        balancer.injectFault(TrafficFault.error("web", 1.0, 503, LONG).withTarget(a.address()));

        List<HttpResponse<String>> responses = send(40);

        assertThat(responses).filteredOn(r -> r.statusCode() == 503).isNotEmpty();
        assertThat(responses)
                .filteredOn(r -> r.statusCode() != 503)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).isEqualTo("b"));
        assertThat(a.requestCount()).isZero();
        assertThat(observer.events)
                .filteredOn(e -> e.startsWith("fault "))
                .allSatisfy(e -> assertThat(e).contains(" " + TargetGroupConfig.staticTargetId(a.address()) + " "));
    }

    @Test
    void resetClosesTheClientConnectionWithRst() throws Exception {
        balancer.injectFault(TrafficFault.reset("web", LONG));

        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThatThrownBy(http::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(a.requestCount() + b.requestCount()).isZero();
        assertThat(observer.count("fault net-reset")).isEqualTo(1);
    }

    @Test
    void blackholeReadsAndNeverAnswersUntilItEnds() throws Exception {
        TrafficFaultHandle fault = balancer.injectFault(TrafficFault.blackhole("web", LONG));

        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            http.timeout(Duration.ofMillis(1500));
            assertThatThrownBy(http::read).isInstanceOf(SocketTimeoutException.class);
            http.send("GET /more HTTP/1.1\r\nHost: x\r\n\r\n"); // read and dropped, still no answer
            assertThatThrownBy(http::read).isInstanceOf(SocketTimeoutException.class);

            fault.revert();

            http.timeout(Duration.ofSeconds(10));
            assertThat(http.closedByServer()).isTrue(); // its held connections close with the fault
        }
        assertThat(a.requestCount() + b.requestCount()).isZero();
        assertClean(10);
    }

    @Test
    void bandwidthSendsTheResponseNoFasterThanTheRate() throws Exception {
        long rate = 60_000;
        balancer.injectFault(TrafficFault.bandwidth("web", rate, LONG).withTarget(a.address()));

        HttpResponse<String> r = null;
        long took = 0;
        for (int i = 0; i < 2; i++) { // round robin: one of two goes to a
            long start = System.nanoTime();
            HttpResponse<String> response = get(balancer, "/big");
            if (response.body().length() == BIG_BODY) {
                r = response;
                took = System.nanoTime() - start;
            }
        }

        assertThat(r).isNotNull();
        assertThat(r.body()).isEqualTo("x".repeat(BIG_BODY));
        assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(Duration.ofMillis(1000L * BIG_BODY / rate));
        assertThat(observer.count("fault net-bandwidth")).isEqualTo(1);
    }

    @Test
    void slowCloseHoldsTheClosingConnectionForTheDelay() throws Exception {
        balancer.injectFault(TrafficFault.slowClose("web", Duration.ofMillis(1200), LONG));

        try (RawHttp http = new RawHttp(balancer.port(0))) {
            long start = System.nanoTime();
            RawHttp.Response r = http.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        }
        assertThat(observer.count("fault net-slow-close")).isEqualTo(1);
    }

    @Test
    void faultRevertsByItselfAtTheEndOfItsDuration() throws Exception {
        TrafficFaultHandle fault = balancer.injectFault(TrafficFault.error("web", 1.0, 503, Duration.ofMillis(700)));
        assertThat(get(balancer, "/").statusCode()).isEqualTo(503);

        await().atMost(Duration.ofSeconds(10)).until(() -> !fault.active());

        assertClean(10);
    }

    @Test
    void closingTheBalancerEndsItsFaults() {
        Balancer other = Fixtures.start(group("other", b));
        TrafficFaultHandle fault = other.injectFault(TrafficFault.error("other", 1.0, 503, LONG));

        other.close();

        assertThat(fault.active()).isFalse();
    }

    @Test
    void refusesAFaultOnAnUnknownGroup() {
        assertThatThrownBy(() -> balancer.injectFault(TrafficFault.reset("nope", LONG)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetGroup: 'nope'");
    }

    /** The next {@code n} requests are the targets' own, and no fault counted them. */
    private void assertClean(int n) throws Exception {
        long before = observer.count("fault ");
        for (HttpResponse<String> r : send(n)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-gale-fault")).isEmpty();
        }
        assertThat(observer.count("fault ")).isEqualTo(before);
    }

    private List<HttpResponse<String>> send(int n) throws IOException, InterruptedException {
        List<HttpResponse<String>> responses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            responses.add(CLIENT.send(request(balancer, "/").GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }
}
