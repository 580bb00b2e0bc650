package gale.app.capacity;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves at most {@code workers} requests at once; the others wait in arrival order, so that, as on one overloaded
 * server, a request's latency is the queue in front of it times the service time (seed 004: response time grows
 * with users until the balancer's idle timeout cuts it). Health checks wait in the same queue, as they do on such a
 * server. Each request holds its worker for the service time, then until its response ends; one whose client left
 * meanwhile still costs the service time, then is dropped.
 */
public final class WorkerQueue implements Handler<RoutingContext> {

    private final int workers;
    private final long serviceMillis;
    private final Set<String> exempt;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int busy;

    private record Waiting(RoutingContext ctx, Context context) {}

    /**
     * @param exempt paths served at once, outside the queue (the metrics, which monitoring must read whatever the
     *     load)
     */
    public WorkerQueue(Capacity capacity, Set<String> exempt, PrometheusRegistry registry) {
        if (capacity.workers() < 1) {
            throw new IllegalArgumentException("workers: " + capacity.workers() + " (expected: >= 1)");
        }
        this.workers = capacity.workers();
        this.serviceMillis = capacity.serviceTime().toMillis();
        this.exempt = Set.copyOf(exempt);
        GaugeWithCallback.builder()
                .name("gale_app_requests_queued")
                .help("Requests waiting for one of the " + Capacity.ENV_WORKERS + " workers")
                .callback(callback -> callback.call(queued()))
                .register(registry);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (exempt.contains(ctx.request().path())) {
            ctx.next();
            return;
        }
        lock.lock();
        try {
            if (busy >= workers) {
                waiting.add(new Waiting(ctx, Vertx.currentContext()));
                return;
            }
            busy++;
        } finally {
            lock.unlock();
        }
        serve(ctx);
    }

    /** Requests waiting for a worker now. */
    public int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void serve(RoutingContext ctx) {
        if (serviceMillis > 0) {
            ctx.vertx().setTimer(serviceMillis, id -> proceed(ctx));
        } else {
            proceed(ctx);
        }
    }

    private void proceed(RoutingContext ctx) {
        if (ctx.response().closed()) {
            release(); // The client left: its end handlers would never run.
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        });
        ctx.next();
    }

    private void release() {
        Waiting next;
        lock.lock();
        try {
            next = waiting.poll();
            if (next == null) {
                busy--;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            next.context().runOnContext(v -> serve(next.ctx()));
        }
    }
}
