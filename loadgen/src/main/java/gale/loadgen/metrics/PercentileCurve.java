package gale.loadgen.metrics;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Latency by percentile from 0 to 99.999%, as HdrHistogram's percentile distribution plots it: the percentiles are
 * spaced evenly on {@code -log10(1 - p)}, so 90, 99, 99.9, 99.99 and 99.999 are as far apart as 0 and 90.
 *
 * @param ms the latency in ms at each of {@link #PERCENTILES}; empty when nothing was measured
 */
public record PercentileCurve(double[] ms) {

    /** 51 points: p = 100 × (1 − 10^−x) for x = 0, 0.1, ... 5. */
    public static final double[] PERCENTILES = percentiles();

    public static final PercentileCurve EMPTY = new PercentileCurve(new double[0]);

    public PercentileCurve {
        ms = ms.clone();
    }

    /** From a histogram of microseconds. */
    public static PercentileCurve of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        double[] out = new double[PERCENTILES.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.getValueAtPercentile(PERCENTILES[i]) / 1000.0;
        }
        return new PercentileCurve(out);
    }

    @Override
    public double[] ms() {
        return ms.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PercentileCurve other && Arrays.equals(ms, other.ms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ms);
    }

    @Override
    public String toString() {
        return "PercentileCurve" + Arrays.toString(ms);
    }

    private static double[] percentiles() {
        double[] p = new double[51];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 * (1 - Math.pow(10, -i / 10.0));
        }
        return p;
    }
}
