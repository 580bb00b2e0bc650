package gale.monitor.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The balancer's series: requests, latency, connections, retries, rejections, fail-open, target health. */
final class BalancerMetrics {
    /** Target states, lower case as the API shows them; one gauge series per state (1 for the current one). */
    static final List<String> TARGET_STATES = List.of("initial", "healthy", "unhealthy", "draining");
    /** Label value when no target (or no target group) was involved: the balancer answered itself. */
    static final String NONE = "none";

    /** From 1 ms to 10 s: a balancer's requests, the slow tail included. */
    private static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    /** By status / 100: constants, so no string is built per request. */
    private static final String[] CODE_CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter requests;
    private final Histogram latency;
    /**
     * Each route's data points, looked up once: {@link #requestCompleted} runs for every proxied request, and a
     * label lookup costs a varargs array, a list and a hash of four strings.
     */
    private final Map<Route, RouteSeries> routes = new ConcurrentHashMap<>();

    private final Gauge connections;
    private final Counter retries;
    private final Counter desyncRequests;
    private final Counter rejections;
    private final Gauge failOpen;
    private final Gauge targetState;
    private final Gauge heldRequests;
    private final Counter clientTimeouts;
    private final Counter faultRequests;

    BalancerMetrics(PrometheusRegistry registry) {
        // Observed on the IO threads for every request. No exemplars: Gale has no trace context to put in them, and
        // the sampler woke a scheduler thread ~23 times a second under load, each time preempting a pinned IO thread.
        requests = Counter.builder()
                .name("gale_balancer_requests")
                .help("Requests answered, by listener, target group, target and status class")
                .labelNames("listener", "target_group", "target", "code_class")
                .withoutExemplars()
                .register(registry);
        latency = Histogram.builder()
                .name("gale_balancer_request_duration_seconds")
                .help("Time from the request's arrival to the end of the response, by target")
                .unit(Unit.SECONDS)
                .labelNames("listener", "target_group", "target")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars()
                .register(registry);
        connections = Gauge.builder()
                .name("gale_balancer_active_connections")
                .help("Client connections open now, by listener")
                .labelNames("listener")
                .register(registry);
        retries = Counter.builder()
                .name("gale_balancer_retries")
                .help("Requests sent to another target after one failed them, by cause")
                .labelNames("listener", "target_group", "cause")
                .register(registry);
        desyncRequests = Counter.builder()
                .name("gale_balancer_desync_requests")
                .help("Request heads by desync classification (ALB's), under the listener's mitigation mode")
                .labelNames("listener", "mode", "classification")
                .withoutExemplars()
                .register(registry);
        rejections = Counter.builder()
                .name("gale_balancer_rejections")
                .help("Responses the balancer made itself (limits, bad requests, no target), by reason")
                .labelNames("listener", "target_group", "reason")
                .register(registry);
        failOpen = Gauge.builder()
                .name("gale_balancer_fail_open")
                .help("1 while every target of the group is unhealthy and requests go to all of them")
                .labelNames("target_group")
                .register(registry);
        targetState = Gauge.builder()
                .name("gale_balancer_target_state")
                .help("1 for the target's current state (initial, healthy, unhealthy, draining), 0 for the others")
                .labelNames("target_group", "target", "state")
                .register(registry);
        heldRequests = Gauge.builder()
                .name("gale_balancer_held_requests")
                .help("Requests waiting in a target group with no target yet (scale to zero), sampled each second")
                .labelNames("target_group")
                .register(registry);
        clientTimeouts = Counter.builder()
                .name("gale_balancer_client_timeouts")
                .help("Client connections closed for being too slow, by reason (request_header, body_read, idle)")
                .labelNames("listener", "reason")
                .register(registry);
        faultRequests = Counter.builder()
                .name("gale_balancer_fault_requests")
                .help("Requests a traffic fault acted on, by target and fault kind (http-latency, http-error, ...)")
                .labelNames("listener", "target_group", "target", "kind")
                .register(registry);
    }

    void faultApplied(String listener, String targetGroup, String target, String kind) {
        faultRequests
                .labelValues(listener, orNone(targetGroup), orNone(target), kind)
                .inc();
    }

    void clientTimedOut(String listener, String reason) {
        clientTimeouts.labelValues(listener, reason).inc();
    }

    void heldRequests(String targetGroup, int held) {
        heldRequests.labelValues(targetGroup).set(held);
    }

    void requestCompleted(String listener, String targetGroup, String target, int status, long latencyNanos) {
        RouteSeries series =
                routes.computeIfAbsent(new Route(listener, orNone(targetGroup), orNone(target)), RouteSeries::new);
        series.requests(status).inc();
        series.latency.observe(latencyNanos / 1e9);
    }

    void rejected(String listener, String targetGroup, int status, String reason) {
        String group = orNone(targetGroup);
        rejections.labelValues(listener, group, reason).inc();
        requests.labelValues(listener, group, NONE, codeClass(status)).inc();
    }

    Runnable desyncRequests(String listener, String mode, String classification) {
        return desyncRequests.labelValues(listener, mode, classification)::inc;
    }

    void retried(String listener, String targetGroup, String cause) {
        retries.labelValues(listener, orNone(targetGroup), cause).inc();
    }

    void failOpen(String targetGroup, boolean on) {
        failOpen.labelValues(targetGroup).set(on ? 1 : 0);
    }

    void connectionOpened(String listener) {
        connections.labelValues(listener).inc();
    }

    void connectionClosed(String listener) {
        connections.labelValues(listener).dec();
    }

    void targetState(String targetGroup, String target, String state) {
        String current = state.toLowerCase(java.util.Locale.ROOT);
        if (!TARGET_STATES.contains(current)) {
            throw new IllegalArgumentException("state: " + state + " (expected: one of " + TARGET_STATES + ")");
        }
        for (String s : TARGET_STATES) {
            targetState.labelValues(targetGroup, target, s).set(s.equals(current) ? 1 : 0);
        }
    }

    /** Forgets a deregistered target's series, so tasks that come and go do not pile up. */
    void targetRemoved(String targetGroup, String target) {
        routes.keySet().removeIf(r -> r.targetGroup.equals(targetGroup) && r.target.equals(target));
        targetState.removeIf(l -> l.get(0).equals(targetGroup) && l.get(1).equals(target));
        requests.removeIf(l -> l.get(1).equals(targetGroup) && l.get(2).equals(target));
        latency.removeIf(l -> l.get(1).equals(targetGroup) && l.get(2).equals(target));
        faultRequests.removeIf(l -> l.get(1).equals(targetGroup) && l.get(2).equals(target));
    }

    static String codeClass(int status) {
        return CODE_CLASSES[codeClassIndex(status)];
    }

    private static int codeClassIndex(int status) {
        return status < 100 || status > 599 ? 0 : status / 100;
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    /** A listener, target group and target, as the request series are labelled. */
    private record Route(String listener, String targetGroup, String target) {}

    /** One route's request counters (by status class, made on first use) and latency histogram. */
    private final class RouteSeries {
        private final Route route;
        private final AtomicReferenceArray<CounterDataPoint> byClass = new AtomicReferenceArray<>(CODE_CLASSES.length);
        private final DistributionDataPoint latency;

        RouteSeries(Route route) {
            this.route = route;
            this.latency = BalancerMetrics.this.latency.labelValues(route.listener, route.targetGroup, route.target);
        }

        CounterDataPoint requests(int status) {
            int i = codeClassIndex(status);
            CounterDataPoint counter = byClass.get(i);
            if (counter == null) { // two loops may both look it up: the registry hands both the same data point
                counter = BalancerMetrics.this.requests.labelValues(
                        route.listener, route.targetGroup, route.target, CODE_CLASSES[i]);
                byClass.set(i, counter);
            }
            return counter;
        }
    }
}
