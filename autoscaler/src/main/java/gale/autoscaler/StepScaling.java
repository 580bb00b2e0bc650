package gale.autoscaler;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step scaling: the metric's value picks one step, whose adjustment is added to the current count (negative
 * scales in). Bounds are absolute metric values, lower inclusive and upper exclusive; a null bound is open.
 * A value that no step covers changes nothing.
 */
public record StepScaling(ScalingMetric metric, List<Step> steps) {

    /** One interval of the metric and the change in task count it asks for. */
    public record Step(Double lowerBound, Double upperBound, int adjustment) {
        public Step {
            if (lowerBound != null && upperBound != null && !(lowerBound < upperBound)) {
                throw new IllegalArgumentException(
                        "step: [" + lowerBound + ", " + upperBound + ") (expected: lowerBound < upperBound)");
            }
        }

        boolean contains(double value) {
            return (lowerBound == null || value >= lowerBound) && (upperBound == null || value < upperBound);
        }

        double lowerOrMin() {
            return lowerBound == null ? Double.NEGATIVE_INFINITY : lowerBound;
        }

        double upperOrMax() {
            return upperBound == null ? Double.POSITIVE_INFINITY : upperBound;
        }

        String describe() {
            return "[" + (lowerBound == null ? "-∞" : Numbers.format(lowerBound)) + ", "
                    + (upperBound == null ? "+∞" : Numbers.format(upperBound)) + ")";
        }
    }

    public StepScaling {
        requireNonNull(metric, "metric");
        requireNonNull(steps, "steps");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("stepScaling.steps: [] (expected: at least one step)");
        }
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(Step::lowerOrMin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).lowerOrMin() < sorted.get(i - 1).upperOrMax()) {
                throw new IllegalArgumentException(
                        "stepScaling.steps: " + sorted.get(i - 1).describe() + " and "
                                + sorted.get(i).describe() + " overlap (expected: disjoint intervals)");
            }
        }
        steps = List.copyOf(sorted);
    }

    Step stepFor(double value) {
        for (Step step : steps) {
            if (step.contains(value)) {
                return step;
            }
        }
        return null;
    }
}
