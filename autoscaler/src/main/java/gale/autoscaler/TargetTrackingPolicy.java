package gale.autoscaler;

/** The HPA formula with its tolerance, and HPA's care for tasks still warming up. */
final class TargetTrackingPolicy {
    private final TargetTracking config;

    TargetTrackingPolicy(TargetTracking config) {
        this.config = config;
    }

    Recommendation recommend(int current, Readings readings) {
        ScalingMetric metric = config.metric();
        String name = metric.id();
        String target = metric.format(config.target());
        if (readings.counted().isEmpty()) {
            return Recommendation.none("no " + name + " reading from a ready task yet ("
                    + readings.warming().size() + " warming up)");
        }
        double value = readings.countedAverage();
        double ratio = value / config.target();
        if (Math.abs(ratio - 1) <= config.tolerance()) {
            return new Recommendation(
                    current,
                    value,
                    name + " " + metric.format(value) + " within " + percent(config.tolerance()) + " of target "
                            + target + ": stays at " + current + " tasks");
        }
        if (ratio > 1 && !readings.warming().isEmpty()) {
            // A warming task will take its share of the load soon: count it as idle before adding more.
            double conservative = readings.averageWithWarmingAsZero();
            if (conservative / config.target() <= 1 + config.tolerance()) {
                return new Recommendation(
                        current,
                        value,
                        name + " " + metric.format(value) + " > target " + target + " on "
                                + readings.counted().size() + " ready tasks, but " + metric.format(conservative)
                                + " counting " + readings.warming().size()
                                + " warming tasks as idle: stays at " + current + " tasks");
            }
            value = conservative;
        }
        int desired = (int) Math.ceil(current * value / config.target());
        String comparison = value > config.target() ? " > " : " < ";
        return new Recommendation(
                desired,
                value,
                name + " " + metric.format(value) + comparison + "target " + target + ": " + current + " → "
                        + desired + " tasks (ceil(" + current + " × " + Numbers.format(value) + " / "
                        + Numbers.format(config.target()) + "))");
    }

    private static String percent(double fraction) {
        return Numbers.format(fraction * 100) + "%";
    }
}
