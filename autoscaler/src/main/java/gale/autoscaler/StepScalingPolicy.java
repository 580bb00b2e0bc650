package gale.autoscaler;

/** Adds the adjustment of the step whose interval holds the metric's value. */
final class StepScalingPolicy {
    private final StepScaling config;

    StepScalingPolicy(StepScaling config) {
        this.config = config;
    }

    Recommendation recommend(int current, Readings readings) {
        ScalingMetric metric = config.metric();
        if (readings.counted().isEmpty()) {
            return Recommendation.none("no " + metric.id() + " reading from a ready task yet ("
                    + readings.warming().size() + " warming up)");
        }
        double value = readings.countedAverage();
        StepScaling.Step step = config.stepFor(value);
        if (step == null || step.adjustment() == 0) {
            return new Recommendation(
                    current,
                    value,
                    metric.id() + " " + metric.format(value) + " in no scaling step: stays at " + current + " tasks");
        }
        int desired = Math.max(0, current + step.adjustment());
        return new Recommendation(
                desired,
                value,
                metric.id() + " " + metric.format(value) + " in step " + step.describe() + " ("
                        + (step.adjustment() > 0 ? "+" : "") + step.adjustment() + "): " + current + " → " + desired
                        + " tasks");
    }
}
