package gale.balancer;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Balancers wired to test backends, with health checks fast enough for tests. */
final class Fixtures {
    static final HealthCheckConfig FAST_CHECKS =
            new HealthCheckConfig(TestBackend.HEALTH_PATH, ms(100), ms(100), 2, 2, "200-399");

    private Fixtures() {}

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static TargetGroupConfig group(String name, Algorithm algorithm, InetSocketAddress... targets) {
        return new TargetGroupConfig(name, algorithm, FAST_CHECKS, ms(2000), Duration.ZERO, Arrays.asList(targets));
    }

    static TargetGroupConfig group(String name, TestBackend... backends) {
        return group(
                name,
                Algorithm.ROUND_ROBIN,
                Arrays.stream(backends).map(TestBackend::address).toArray(InetSocketAddress[]::new));
    }

    static ListenerLimits limits(int maxConnections, Duration idle, Duration requestTimeout) {
        return clientLimits(maxConnections, idle, Duration.ofSeconds(10), Duration.ofSeconds(10), requestTimeout);
    }

    static ListenerLimits clientLimits(
            int maxConnections, Duration idle, Duration header, Duration body, Duration requestTimeout) {
        return new ListenerLimits(maxConnections, 16 * 1024, 64 * 1024, idle, header, body, requestTimeout);
    }

    static ListenerLimits testLimits() {
        return limits(100, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** One listener on an ephemeral port whose default is the first group. */
    static Balancer start(ListenerLimits limits, List<RuleConfig> rules, TargetGroupConfig... groups) {
        ListenerConfig listener = new ListenerConfig("127.0.0.1", 0, rules, groups[0].name(), limits);
        return Balancer.start(new BalancerConfig(List.of(listener), List.of(groups), 1));
    }

    static Balancer start(TargetGroupConfig... groups) {
        return start(testLimits(), List.of(), groups);
    }

    static void awaitStates(Balancer balancer, String group, TargetState state, int count) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> balancer.targetGroup(group).targets().stream()
                                .filter(t -> t.state() == state)
                                .count()
                        == count);
    }

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static HttpResponse<String> get(Balancer balancer, String path) throws Exception {
        return CLIENT.send(request(balancer, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(Balancer balancer, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.port(0) + path))
                .timeout(Duration.ofSeconds(10));
    }
}
