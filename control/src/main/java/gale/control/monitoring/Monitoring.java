package gale.control.monitoring;

import gale.balancer.Balancer;
import gale.balancer.BalancerObserver;
import gale.control.events.EventLog;
import gale.control.stack.StackConfig;
import gale.fleet.Fleet;
import gale.monitor.alarm.Alarms;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.notify.Notifiers;
import gale.monitor.series.StackSeries;
import gale.monitor.series.TimeSeriesStore;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's monitoring, wired in {@code Stack.start}: Prometheus metrics and 1-second series bound to the balancer
 * and the fleet, alarms with their notifiers, one autoscaler per service that asks for one, and the admin routes
 * {@code /metrics} and {@code /api/sd}. Everything periodic runs on one thread of its own; {@link #close} stops it and
 * the notifiers.
 */
public final class Monitoring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitoring.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration WARMUP_TWIN_RETENTION = Duration.ofMinutes(1);

    private final GaleMetrics metrics;
    private final StackSeries series;
    private final BalancerBinding binding;
    private final Alarms alarms;
    private final Notifiers notifiers;
    private final ScheduledExecutorService executor;
    private final List<ScheduledFuture<?>> running;

    private Monitoring(
            GaleMetrics metrics,
            StackSeries series,
            BalancerBinding binding,
            Alarms alarms,
            Notifiers notifiers,
            ScheduledExecutorService executor,
            List<ScheduledFuture<?>> running) {
        this.metrics = metrics;
        this.series = series;
        this.binding = binding;
        this.alarms = alarms;
        this.notifiers = notifiers;
        this.executor = executor;
        this.running = running;
    }

    /**
     * Binds to the balancer's targets and the fleet's tasks, starts alarms, notifiers and autoscalers, and adds the
     * routes to the admin {@code router}. Call before the fleet's services are created, so their first tasks are seen.
     *
     * @throws IllegalArgumentException when an alarm or notifier of the stack can't be run (the field is named)
     */
    public static Monitoring start(
            StackConfig config, Fleet fleet, Balancer balancer, EventLog events, Router router, Clock clock) {
        GaleMetrics metrics = new GaleMetrics();
        StackSeries series =
                new StackSeries(new TimeSeriesStore(clock, config.monitoring().retention()));
        Observability observability = new Observability(
                metrics, series, fleet, balancer, config.targetGroups().keySet(), clock);
        balancer.addTargetListener(observability);
        fleet.addListener(observability);

        Alarms alarms = new Alarms(series.store(), clock);
        AlarmWiring alarmWiring = new AlarmWiring(events, metrics);
        var alarmConfigs = List.copyOf(config.alarms().values());
        Notifiers notifiers = Notifiers.start(AlarmWiring.notifiers(config.notifiers()));
        alarms.addListener(notifiers);
        alarmWiring.register(alarms, alarmConfigs);

        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gale-monitoring");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ScheduledFuture<?>> running = new ArrayList<>();
            running.add(executor.scheduleAtFixedRate(
                    () -> sampleSafely(observability), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS));
            running.add(alarms.schedule(executor, Alarms.DEFAULT_EVALUATION_INTERVAL));
            running.addAll(AutoscalingWiring.start(
                    config.services(), fleet, series, observability, metrics, events, clock, executor));
            MonitoringRoutes.install(router, metrics, fleet, targetGroupOfService(config));
            return new Monitoring(
                    metrics, series, new BalancerBinding(metrics, series), alarms, notifiers, executor, running);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            notifiers.close();
            throw e;
        }
    }

    private static void sampleSafely(Observability observability) {
        try {
            observability.sample();
        } catch (RuntimeException e) {
            log.warn("Monitoring sample failed; it runs again in a second", e);
        }
    }

    private static Map<String, String> targetGroupOfService(StackConfig config) {
        Map<String, String> groups = new HashMap<>();
        config.services().forEach((name, spec) -> spec.targetGroup().ifPresent(group -> groups.put(name, group)));
        return groups;
    }

    /** The balancer observer that feeds this monitoring. */
    public BalancerObserver observer() {
        return binding;
    }

    /**
     * An observer of the same class as {@link #observer()} over metrics and series of its own, for the balancer's JIT
     * warm-up ({@link gale.balancer.Balancer#open}): what it is told is thrown away with it.
     */
    public static BalancerObserver warmupTwin(Clock clock) {
        // A minute of series, not an hour: the same code over rings a sixtieth the size, as the warm-up makes a twin
        // every few hundred connections and the old generation would keep those that outlive a young collection.
        return new BalancerBinding(
                new GaleMetrics(), new StackSeries(new TimeSeriesStore(clock, WARMUP_TWIN_RETENTION)));
    }

    /** The control plane's metrics (served on {@code /metrics}). */
    public GaleMetrics metrics() {
        return metrics;
    }

    /** The 1-second series that alarms, the autoscaler and the dashboard read. */
    public TimeSeriesStore series() {
        return series.store();
    }

    public Alarms alarms() {
        return alarms;
    }

    @Override
    public void close() {
        running.forEach(future -> future.cancel(false));
        executor.shutdownNow();
        try {
            notifiers.close();
        } catch (RuntimeException e) {
            log.warn("Closing the notifiers failed", e);
        }
    }
}
