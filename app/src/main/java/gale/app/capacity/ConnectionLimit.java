package gale.app.capacity;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes, at once and without an answer, each connection that would take the open ones past the limit: what nginx
 * does when it runs out of {@code worker_connections} (seed 000's "768 worker_connections are not enough"). The
 * client sees its connection accepted and then closed with no response, as the seed's JMeter did.
 */
public final class ConnectionLimit implements Handler<HttpConnection> {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    public ConnectionLimit(int max, PrometheusRegistry registry) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        this.max = max;
        GaugeWithCallback.builder()
                .name("gale_app_connections_open")
                .help("Client connections open now")
                .callback(callback -> callback.call(open.get()))
                .register(registry);
        CounterWithCallback.builder()
                .name("gale_app_connections_dropped_total")
                .help("Connections closed unanswered because " + Capacity.ENV_MAX_CONNECTIONS + " were open")
                .callback(callback -> callback.call(dropped.get()))
                .register(registry);
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            dropped.incrementAndGet();
            connection.close();
            return;
        }
        connection.closeHandler(closed -> open.decrementAndGet());
    }

    /** Connections closed because the limit was reached, since start. */
    public long dropped() {
        return dropped.get();
    }
}
