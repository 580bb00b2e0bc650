package gale.autoscaler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Readings split into those counted and those of tasks still warming up. */
record Readings(List<MetricReading> counted, List<MetricReading> warming) {

    static Readings split(List<MetricReading> all, Duration warmUp) {
        Map<Boolean, List<MetricReading>> parts = all.stream()
                .collect(Collectors.partitioningBy(r -> r.ready() && r.age().compareTo(warmUp) >= 0));
        return new Readings(List.copyOf(parts.get(true)), List.copyOf(parts.get(false)));
    }

    double countedAverage() {
        return counted.stream().mapToDouble(MetricReading::value).average().orElse(Double.NaN);
    }

    /** The average with warming tasks counted as idle: HPA's conservative view before scaling out. */
    double averageWithWarmingAsZero() {
        double sum = counted.stream().mapToDouble(MetricReading::value).sum();
        return sum / (counted.size() + warming.size());
    }

    boolean anyDemand() {
        return counted.stream().anyMatch(r -> r.value() > 0) || warming.stream().anyMatch(r -> r.value() > 0);
    }
}
