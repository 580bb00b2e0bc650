package gale.app;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;

/**
 * The app's Prometheus metrics, in a registry of its own (two apps in one JVM, in tests, don't share counters).
 * Names are documented in docs/app.md.
 */
final class AppMetrics {

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Gauge inFlight;
    private final Histogram duration;

    AppMetrics(String taskId, CpuBurner burner) {
        // No exemplars: there is no trace context to put in them, and their sampler wakes a thread many times a
        // second under load.
        requests = Counter.builder()
                .name("gale_app_requests_total")
                .help("HTTP requests served, by route, method and status code")
                .labelNames("route", "method", "code")
                .withoutExemplars()
                .register(registry);
        inFlight = Gauge.builder()
                .name("gale_app_requests_in_flight")
                .help("HTTP requests being served now")
                .register(registry);
        duration = Histogram.builder()
                .name("gale_app_request_duration_seconds")
                .help("Time to serve a request, by route")
                .labelNames("route")
                .classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .withoutExemplars()
                .register(registry);
        GaugeWithCallback.builder()
                .name("gale_app_stress_active")
                .help("CPU burns started by POST /stress that are still running")
                .callback(callback -> callback.call(burner.active()))
                .register(registry);
        CounterWithCallback.builder()
                .name("gale_app_stress_cpu_seconds_total")
                .help("CPU time burned by POST /stress")
                .callback(callback -> callback.call(burner.burnedNanos() / 1e9))
                .register(registry);
        GaugeWithCallback.builder()
                .name("gale_app_info")
                .help("This instance: its task id")
                .labelNames("task_id")
                .callback(callback -> callback.call(1, taskId))
                .register(registry);
        CounterWithCallback.builder()
                .name("process_cpu_seconds_total")
                .help("CPU time used by this process")
                .callback(callback -> callback.call(processCpuSeconds()))
                .register(registry);
    }

    void started() {
        inFlight.inc();
    }

    void finished(String route, String method, int status, double seconds) {
        inFlight.dec();
        requests.labelValues(route, method, Integer.toString(status)).inc();
        duration.labelValues(route).observe(seconds);
    }

    /** Where the database pool and the cache register their metrics. */
    PrometheusRegistry registry() {
        return registry;
    }

    String contentType() {
        return TEXT.getContentType();
    }

    /** The text exposition format, version 0.0.4. */
    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            TEXT.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }
}
