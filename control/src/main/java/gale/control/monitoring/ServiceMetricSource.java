package gale.control.monitoring;

import gale.autoscaler.MetricReading;
import gale.autoscaler.MetricSource;
import gale.autoscaler.ScalingMetric;
import gale.fleet.Fleet;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import gale.monitor.series.SeriesKey;
import gale.monitor.series.SeriesNames;
import gale.monitor.series.StackSeries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One service's readings for its autoscaler, from the 1-second series: per RUNNING task its CPU % (of its limit) or
 * requests per second, with its age and whether it has passed a health check (a task of a service without a target
 * group is ready once it runs); for p95 latency, one reading of the target group.
 */
final class ServiceMetricSource implements MetricSource {

    private final String service;
    private final Optional<String> targetGroup;
    private final Fleet fleet;
    private final StackSeries series;
    private final Predicate<String> everHealthy;
    private final Clock clock;

    ServiceMetricSource(
            String service,
            Optional<String> targetGroup,
            Fleet fleet,
            StackSeries series,
            Predicate<String> everHealthy,
            Clock clock) {
        this.service = service;
        this.targetGroup = targetGroup;
        this.fleet = fleet;
        this.series = series;
        this.everHealthy = everHealthy;
        this.clock = clock;
    }

    @Override
    public List<MetricReading> readings(ScalingMetric metric, Duration window) {
        if (metric == ScalingMetric.LATENCY_P95) {
            return targetGroup
                    .map(group -> series.p95LatencyMs(group, window))
                    .filter(p95 -> !Double.isNaN(p95))
                    .map(p95 -> List.of(MetricReading.steady(targetGroup.get(), p95)))
                    .orElse(List.of());
        }
        List<MetricReading> readings = new ArrayList<>();
        int live = 0;
        for (TaskSnapshot task : fleet.tasks()) {
            if (!task.service().equals(service) || task.state() == TaskState.STOPPED) {
                continue;
            }
            live++;
            if (task.state() != TaskState.RUNNING) {
                continue;
            }
            double value = metric == ScalingMetric.CPU
                    ? series.taskCpuPercent(task.id(), window)
                    : series.targetRequestsPerSecond(task.id(), window);
            if (Double.isNaN(value)) {
                continue; // no sample yet: a task that has only just started
            }
            Duration age = Duration.between(task.startedAt(), clock.instant());
            boolean ready = targetGroup.isEmpty() || everHealthy.test(task.id());
            readings.add(
                    new MetricReading(task.id(), Math.max(0, value), age.isNegative() ? Duration.ZERO : age, ready));
        }
        if (live == 0 && targetGroup.isPresent()) {
            // Scaled to zero: requests the balancer answered itself are the demand that brings a task back.
            double requests = series.store()
                    .last(
                            SeriesKey.of(SeriesNames.HTTP_REQUEST_COUNT, SeriesNames.TARGET_GROUP, targetGroup.get()),
                            window)
                    .sum();
            if (requests > 0) {
                readings.add(MetricReading.steady(targetGroup.get() + " requests", requests));
            }
        }
        return readings;
    }
}
