package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rules pick the group; the algorithm picks the target. */
@ExtendWith(LeakCheck.class)
class RoutingTest {
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private TestBackend backend(String name) throws Exception {
        TestBackend b = TestBackend.start(name);
        closing.add(b);
        return b;
    }

    private Balancer balancer(List<RuleConfig> rules, TargetGroupConfig... groups) {
        Balancer b = Fixtures.start(testLimits(), rules, groups);
        closing.add(b);
        return b;
    }

    @Test
    void rulesRouteByPathPrefixThenHostThenDefault() throws Exception {
        TestBackend web = backend("web");
        TestBackend api = backend("api");
        TestBackend admin = backend("admin");
        Balancer balancer = balancer(
                List.of(RuleConfig.path("/api", "api"), RuleConfig.host("admin.example", "admin")),
                group("web", web),
                group("api", api),
                group("admin", admin));
        for (String g : List.of("web", "api", "admin")) {
            awaitStates(balancer, g, TargetState.HEALTHY, 1);
        }

        assertThat(get(balancer, "/api/users").body()).isEqualTo("api");
        assertThat(get(balancer, "/index.html").body()).isEqualTo("web");
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: ADMIN.example:8080\r\n\r\n")
                            .read()
                            .body())
                    .isEqualTo("admin");
            assertThat(http.send("GET / HTTP/1.1\r\nHost: other.example\r\n\r\n")
                            .read()
                            .body())
                    .isEqualTo("web");
        }
    }

    @Test
    void roundRobinSpreadsEvenly() throws Exception {
        TestBackend a = backend("a");
        TestBackend b = backend("b");
        TestBackend c = backend("c");
        Balancer balancer = balancer(List.of(), group("web", a, b, c));
        awaitStates(balancer, "web", TargetState.HEALTHY, 3);

        for (int i = 0; i < 30; i++) {
            assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
        }

        assertThat(List.of(a.requestCount(), b.requestCount(), c.requestCount()))
                .containsOnly(10);
    }

    @Test
    void leastOutstandingRequestsAvoidsTheBusyTarget() throws Exception {
        TestBackend busy = TestBackend.start("busy", (req, conn) -> {
            TargetFailureTest.awaitQuietly(release);
            conn.respond(200, "busy");
        });
        closing.add(busy);
        TestBackend idle = backend("idle");
        Balancer balancer =
                balancer(List.of(), group("web", Algorithm.LEAST_OUTSTANDING_REQUESTS, busy.address(), idle.address()));
        awaitStates(balancer, "web", TargetState.HEALTHY, 2);

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int busyBefore = busy.requestCount();
            CompletableFuture<HttpResponse<String>> r =
                    CLIENT.sendAsync(request(balancer, "/").build(), HttpResponse.BodyHandlers.ofString());
            responses.add(r);
            // done, or held by the busy target: either way the balancer has counted it
            await().pollInterval(ms(5)).until(() -> r.isDone() || busy.requestCount() > busyBefore);
        }

        assertThat(busy.requestCount()).isEqualTo(1);
        assertThat(idle.requestCount()).isEqualTo(19);
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> r : responses) {
            assertThat(r.get().statusCode()).isEqualTo(200);
        }
    }
}
