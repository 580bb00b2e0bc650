package gale.monitor.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The control plane's metrics, one registry per instance (no static state: two stacks in one JVM, or parallel
 * tests, each have their own). The methods mirror the hooks they are bound to from outside: the balancer's
 * observer and target listener, the fleet's task listener and samples, the autoscaler's and alarms' listeners.
 * All are thread-safe and cheap enough for the balancer's IO threads. Names and labels: docs/metrics.md.
 */
public final class GaleMetrics {
    /** The Prometheus text format 0.0.4, what {@link #writeTo} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.builder()
            .setIncludeCreatedTimestamps(false)
            .build();
    private final BalancerMetrics balancer = new BalancerMetrics(registry);
    private final LimitMetrics limits = new LimitMetrics(registry);
    private final FleetMetrics fleet = new FleetMetrics(registry);
    private final ControlMetrics control = new ControlMetrics(registry);

    /**
     * Registers Gale's metrics and the JVM's ({@code jvm_*}, {@code process_*}), all read when scraped. Not the
     * per-pool allocation counters of {@code JvmMetrics}: they listen for every GC's notification, and handling it
     * (JMX composite data, mostly interpreted code) took the balancer's CPU for ~5 ms right after each young GC, a
     * stall that every request in flight waited out.
     */
    public GaleMetrics() {
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** Each route's request totals and latency buckets, read from the registry (the dashboard's traffic rows). */
    public List<RouteTotals> routeTotals() {
        return RouteReader.read(registry);
    }

    /** The registry, for metrics of other parts registered beside Gale's. */
    public PrometheusRegistry registry() {
        return registry;
    }

    // --- balancer: BalancerObserver ---

    /** A target's response was relayed completely ({@code listener} is the listener's port as text). */
    public void requestCompleted(String listener, String targetGroup, String target, int status, long latencyNanos) {
        balancer.requestCompleted(requireNonNull(listener, "listener"), targetGroup, target, status, latencyNanos);
    }

    /**
     * The balancer answered itself with {@code status}; counted as a rejection with {@code reason} (the
     * {@code X-Gale-Error} value, e.g. {@code no-healthy-target}) and as a request of target {@code none}. Not in
     * the latency histogram, which times responses relayed from targets.
     *
     * @param targetGroup null when the request was rejected before routing
     */
    public void rejected(String listener, String targetGroup, int status, String reason) {
        balancer.rejected(requireNonNull(listener, "listener"), targetGroup, status, requireNonNull(reason, "reason"));
    }

    /**
     * The count of request heads that {@code listener} classified as {@code classification} ({@code Compliant},
     * {@code Acceptable}, {@code Ambiguous}, {@code Severe}) under its desync mitigation {@code mode}; each run of the
     * returned action counts one. Kept by the caller: the request path pays no label lookup.
     */
    public Runnable desyncRequests(String listener, String mode, String classification) {
        return balancer.desyncRequests(
                requireNonNull(listener, "listener"),
                requireNonNull(mode, "mode"),
                requireNonNull(classification, "classification"));
    }

    /** A request went to another target; {@code cause} e.g. {@code connect_failed}. */
    public void retried(String listener, String targetGroup, String cause) {
        balancer.retried(requireNonNull(listener, "listener"), targetGroup, requireNonNull(cause, "cause"));
    }

    public void failOpenEntered(String targetGroup) {
        balancer.failOpen(requireNonNull(targetGroup, "targetGroup"), true);
    }

    /** How many requests a target group holds now while it has no target (scale to zero). */
    public void heldRequests(String targetGroup, int held) {
        balancer.heldRequests(requireNonNull(targetGroup, "targetGroup"), held);
    }

    /**
     * A limit's use now, 1 = at it: {@code limit} {@code maxConnections} for a target's requests in flight,
     * {@code maxQueued} for a group's queue ({@code target} null).
     */
    public void limitUse(String targetGroup, String target, String limit, double ratio) {
        limits.limitUse(requireNonNull(targetGroup, "targetGroup"), target, requireNonNull(limit, "limit"), ratio);
    }

    /** A group's queue for free slots now: its length and how long its oldest request has waited. */
    public void queue(String targetGroup, int length, double oldestWaitSeconds) {
        limits.queue(requireNonNull(targetGroup, "targetGroup"), length, oldestWaitSeconds);
    }

    public void failOpenLeft(String targetGroup) {
        balancer.failOpen(requireNonNull(targetGroup, "targetGroup"), false);
    }

    public void connectionOpened(String listener) {
        balancer.connectionOpened(requireNonNull(listener, "listener"));
    }

    public void connectionClosed(String listener) {
        balancer.connectionClosed(requireNonNull(listener, "listener"));
    }

    /** A client connection was closed for being too slow; {@code reason} e.g. {@code request_header}. */
    /**
     * A traffic fault of {@code kind} ({@code http-error}, ...) acted on a request bound for {@code target}. An
     * {@code http-error} answer is also counted by {@link #rejected}, with reason {@code fault-http-error}.
     */
    public void faultApplied(String listener, String targetGroup, String target, String kind) {
        balancer.faultApplied(requireNonNull(listener, "listener"), targetGroup, target, requireNonNull(kind, "kind"));
    }

    public void clientTimedOut(String listener, String reason) {
        balancer.clientTimedOut(requireNonNull(listener, "listener"), requireNonNull(reason, "reason"));
    }

    // --- balancer: TargetListener ---

    /** A target entered {@code state} ({@code INITIAL}, {@code HEALTHY}, {@code UNHEALTHY}, {@code DRAINING}). */
    public void targetStateChanged(String targetGroup, String target, String state) {
        balancer.targetState(requireNonNull(targetGroup, "targetGroup"), requireNonNull(target, "target"), state);
    }

    /** A target was deregistered and drained: its series go away. */
    public void targetRemoved(String targetGroup, String target) {
        balancer.targetRemoved(targetGroup, target);
        limits.targetRemoved(targetGroup, target);
    }

    // --- fleet: TaskListener and samples ---

    /**
     * A service's counts now (after every task event): {@code byState} maps {@code PENDING}, {@code RUNNING},
     * {@code DRAINING}, {@code STOPPED} to counts; a missing state is 0.
     */
    public void taskCounts(String service, int desiredCount, Map<String, Integer> byState) {
        fleet.taskCounts(requireNonNull(service, "service"), desiredCount, byState);
    }

    /** The fleet's running total of the service's restarts (a task's {@code restarts}); the counter follows it. */
    public void taskRestarts(String service, long total) {
        fleet.restartsTotal(requireNonNull(service, "service"), total);
    }

    /** A task's latest sample: CPU in percent of its limit (100 = the whole limit), resident memory. */
    public void taskResources(String service, String task, double cpuPercent, long memoryBytes) {
        fleet.taskResources(requireNonNull(service, "service"), requireNonNull(task, "task"), cpuPercent, memoryBytes);
    }

    /** A task stopped: its CPU and memory series go away. */
    public void taskRemoved(String service, String task) {
        fleet.taskRemoved(service, task);
    }

    // --- autoscaler: ScalingListener ---

    /** One autoscaler decision; {@code direction} is {@code out}, {@code in} or {@code none}. */
    public void scalingDecision(String service, int desired, String direction) {
        control.scalingDecision(requireNonNull(service, "service"), desired, direction);
    }

    // --- alarms ---

    /** An alarm exists, in {@code state} (it starts in {@code INSUFFICIENT_DATA}). */
    public void alarmAdded(String alarm, String state) {
        control.alarmAdded(requireNonNull(alarm, "alarm"), state);
    }

    /** An alarm entered {@code state} ({@code OK}, {@code ALARM}, {@code INSUFFICIENT_DATA}). */
    public void alarmStateChanged(String alarm, String state) {
        control.alarmStateChanged(requireNonNull(alarm, "alarm"), state);
    }

    public void alarmRemoved(String alarm) {
        control.alarmRemoved(alarm);
    }

    // --- exposition ---

    /** Writes every metric in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /** Every metric in the Prometheus text format, as one string. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
