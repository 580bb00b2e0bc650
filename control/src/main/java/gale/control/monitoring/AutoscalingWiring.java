package gale.control.monitoring;

import gale.autoscaler.Autoscaler;
import gale.control.events.EventLog;
import gale.control.stack.ServiceSpec;
import gale.fleet.Fleet;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.series.StackSeries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Builds one {@link Autoscaler} per service with an {@code autoscaling:} block: readings from the series, the fleet's
 * service as its target, decisions to events and metrics; each runs every second on the monitoring executor.
 */
final class AutoscalingWiring {

    private AutoscalingWiring() {}

    static List<ScheduledFuture<?>> start(
            Map<String, ServiceSpec> services,
            Fleet fleet,
            StackSeries series,
            Observability observability,
            GaleMetrics metrics,
            EventLog events,
            Clock clock,
            ScheduledExecutorService executor) {
        List<ScheduledFuture<?>> running = new ArrayList<>();
        services.forEach((name, spec) -> spec.autoscaling().ifPresent(autoscaling -> {
            ServiceMetricSource source = new ServiceMetricSource(
                    name,
                    spec.targetGroup(),
                    fleet,
                    series,
                    observability::healthySince,
                    observability::heldRequests,
                    clock);
            Autoscaler autoscaler =
                    new Autoscaler(name, autoscaling, source, new ServiceScalingTarget(name, fleet, events), clock);
            autoscaler.addListener(new DecisionEvents(events, metrics));
            running.add(autoscaler.schedule(executor));
        }));
        return running;
    }
}
