package gale.control.monitoring;

import gale.autoscaler.MetricReading;
import gale.autoscaler.MetricSource;
import gale.autoscaler.ScalingMetric;
import gale.fleet.Fleet;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import gale.monitor.series.Series;
import gale.monitor.series.SeriesKey;
import gale.monitor.series.SeriesNames;
import gale.monitor.series.StackSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One service's readings for its autoscaler, from the 1-second series: per RUNNING task its CPU % (of its limit) or
 * requests per second; for p95 latency, one reading of the target group. A task of a target group is ready once it
 * has passed its health checks, and its age counts from then: a JVM burns CPU well past its first answer, and the
 * autoscaler's warm-up must cover that burn, not only the launch (a task without a target group counts from launch).
 */
final class ServiceMetricSource implements MetricSource {

    private final String service;
    private final Optional<String> targetGroup;
    private final Fleet fleet;
    private final StackSeries series;
    private final Function<String, Optional<Instant>> healthySince;
    private final ToIntFunction<String> heldRequests;
    private final Clock clock;

    ServiceMetricSource(
            String service,
            Optional<String> targetGroup,
            Fleet fleet,
            StackSeries series,
            Function<String, Optional<Instant>> healthySince,
            ToIntFunction<String> heldRequests,
            Clock clock) {
        this.service = service;
        this.targetGroup = targetGroup;
        this.fleet = fleet;
        this.series = series;
        this.healthySince = healthySince;
        this.heldRequests = heldRequests;
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
            Optional<Instant> since =
                    targetGroup.isEmpty() ? Optional.of(task.startedAt()) : healthySince.apply(task.id());
            Duration age = Duration.between(since.orElse(task.startedAt()), clock.instant());
            readings.add(new MetricReading(
                    task.id(), Math.max(0, value), age.isNegative() ? Duration.ZERO : age, since.isPresent()));
        }
        if (live == 0 && targetGroup.isPresent()) {
            // Scaled to zero: requests the balancer holds for the group (or answered itself) are the demand that
            // brings a task back.
            double requests = heldRequests.applyAsInt(targetGroup.get())
                    + series.store()
                            .last(
                                    SeriesKey.of(
                                            Series.HTTP_REQUEST_COUNT.metric(),
                                            SeriesNames.TARGET_GROUP,
                                            targetGroup.get()),
                                    window)
                            .sum();
            if (requests > 0) {
                readings.add(MetricReading.steady(targetGroup.get() + " requests", requests));
            }
        }
        return readings;
    }
}
