package gale.autoscaler;

import java.time.Duration;
import java.util.List;

/** Where the policy reads a service's metric: one reading per task (or one per target group for latency). */
@FunctionalInterface
public interface MetricSource {
    /**
     * The readings of {@code metric}, each averaged over the last {@code window}. A service scaled to zero returns
     * the demand waiting for it (e.g. the held requests as a {@link MetricReading#steady} reading), or nothing.
     */
    List<MetricReading> readings(ScalingMetric metric, Duration window);
}
