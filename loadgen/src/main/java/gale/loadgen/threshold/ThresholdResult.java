package gale.loadgen.threshold;

/** A threshold and what it saw: {@code observed} in the threshold's unit (ms for trends, a fraction for rates). */
public record ThresholdResult(Threshold threshold, double observed, boolean passed) {}
