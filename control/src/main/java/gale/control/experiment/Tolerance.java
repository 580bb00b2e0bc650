package gale.control.experiment;

/**
 * The range a probe's value must fall in: {@code min <= value <= max}, either bound open (null). Chaos Toolkit's exact
 * value is a range with equal bounds, its {@code [low, high]} a range with both.
 */
public record Tolerance(Double min, Double max) {

    public Tolerance {
        if (min == null && max == null) {
            throw new IllegalArgumentException("tolerance: {} (expected: min, max or both)");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("tolerance: min " + min + " > max " + max + " (expected: min <= max)");
        }
    }

    public boolean holds(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    /** Like {@code <= 0.01}, {@code >= 2}, {@code 1..3}, {@code = 0}, with values shown by {@code unit}. */
    public String describe(Unit unit) {
        if (min != null && max != null) {
            return min.equals(max) ? "= " + unit.format(min) : unit.format(min) + " .. " + unit.format(max);
        }
        return min != null ? ">= " + unit.format(min) : "<= " + unit.format(max);
    }
}
