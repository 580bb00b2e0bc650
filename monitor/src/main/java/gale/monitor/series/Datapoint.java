package gale.monitor.series;

import java.time.Instant;

/**
 * One second of a series: what was recorded in {@code [second, second + 1 s)}. A touched second with no value has
 * count 0, sum 0 and infinite minimum and maximum.
 */
public record Datapoint(Instant second, double sum, long count, double minimum, double maximum) {
    public double average() {
        return sum / count;
    }
}
