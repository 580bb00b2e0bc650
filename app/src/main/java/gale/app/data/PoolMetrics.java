package gale.app.data;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToIntFunction;

/**
 * HikariCP's pool in the app's {@code /metrics}, under the names Micrometer gives them ({@code hikaricp_connections_*},
 * label {@code pool}), so that dashboards made for Spring Boot apps read them as they are.
 */
final class PoolMetrics implements MetricsTrackerFactory {

    private final PrometheusRegistry registry;

    PoolMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        gauge("hikaricp_connections_active", "Connections in use", poolName, stats, PoolStats::getActiveConnections);
        gauge("hikaricp_connections_idle", "Idle connections", poolName, stats, PoolStats::getIdleConnections);
        gauge("hikaricp_connections", "Open connections", poolName, stats, PoolStats::getTotalConnections);
        gauge(
                "hikaricp_connections_pending",
                "Threads waiting for a connection",
                poolName,
                stats,
                PoolStats::getPendingThreads);
        gauge("hikaricp_connections_max", "The pool's maximum size", poolName, stats, PoolStats::getMaxConnections);
        Counter timeouts = Counter.builder()
                .name("hikaricp_connections_timeout_total")
                .help("Requests for a connection that timed out (each answered 503)")
                .labelNames("pool")
                .withoutExemplars()
                .register(registry);
        Histogram acquire = Histogram.builder()
                .name("hikaricp_connections_acquire_seconds")
                .help("Time to get a connection from the pool")
                .labelNames("pool")
                .classicOnly()
                .classicUpperBounds(0.0001, 0.001, 0.01, 0.1, 0.5, 1, 2, 5)
                .withoutExemplars()
                .register(registry);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                acquire.labelValues(poolName).observe(nanos / 1e9);
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.labelValues(poolName).inc();
            }
        };
    }

    private void gauge(String name, String help, String pool, PoolStats stats, ToIntFunction<PoolStats> value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("pool")
                .callback(callback -> callback.call(value.applyAsInt(stats), pool))
                .register(registry);
    }
}
