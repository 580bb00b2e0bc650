package gale.control.fault;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The fault series on {@code /metrics} (docs/metrics.md). */
final class FaultMetrics {

    private final Gauge active;
    private final Counter injected;
    private final Counter ended;

    FaultMetrics(PrometheusRegistry registry) {
        active = Gauge.builder()
                .name("gale_faults_active")
                .help("Faults in place now, by kind")
                .labelNames("kind")
                .register(registry);
        injected = Counter.builder()
                .name("gale_faults_injected")
                .help("Faults injected, by kind")
                .labelNames("kind")
                .register(registry);
        ended = Counter.builder()
                .name("gale_faults_ended")
                .help("Faults ended, by kind and cause: duration, cleared, alarm, shutdown, done")
                .labelNames("kind", "cause")
                .register(registry);
        for (FaultKind kind : FaultKind.values()) {
            active.labelValues(kind.label()).set(0);
            injected.labelValues(kind.label());
        }
    }

    void started(FaultKind kind) {
        injected.labelValues(kind.label()).inc();
        if (kind.lasts()) {
            active.labelValues(kind.label()).inc();
        }
    }

    void ended(FaultKind kind, String cause) {
        if (kind.lasts()) {
            active.labelValues(kind.label()).dec();
        }
        ended.labelValues(kind.label(), cause).inc();
    }
}
