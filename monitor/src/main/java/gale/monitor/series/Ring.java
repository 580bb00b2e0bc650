package gale.monitor.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One series: a ring of one-second slots, slot = epoch second modulo capacity. A slot whose stamp is not the second
 * asked for is stale (older than the retention) and reads as empty. Callers synchronize on the ring.
 */
final class Ring {
    private static final long EMPTY = Long.MIN_VALUE;

    private final int capacity;
    private final int samplesPerSecond;
    private final long[] stamp;
    private final double[] sum;
    private final long[] count;
    private final double[] min;
    private final double[] max;
    private final double[][] samples;
    /** This series' own, split from the store's ({@link TimeSeriesStore}). */
    private final RandomGenerator random;

    private long lastSecond = EMPTY;

    Ring(int capacity, int samplesPerSecond, RandomGenerator random) {
        this.capacity = capacity;
        this.samplesPerSecond = samplesPerSecond;
        this.stamp = new long[capacity];
        Arrays.fill(stamp, EMPTY);
        this.sum = new double[capacity];
        this.count = new long[capacity];
        this.min = new double[capacity];
        this.max = new double[capacity];
        this.samples = new double[capacity][];
        this.random = random;
    }

    /** Marks the second as observed with no value: counts read 0 there instead of missing. */
    void touch(long second) {
        int i = index(second);
        if (stamp[i] != second) {
            stamp[i] = second;
            sum[i] = 0;
            count[i] = 0;
            min[i] = Double.POSITIVE_INFINITY;
            max[i] = Double.NEGATIVE_INFINITY;
        }
        lastSecond = Math.max(lastSecond, second);
    }

    void add(long second, double value) {
        touch(second);
        int i = index(second);
        long n = ++count[i];
        sum[i] += value;
        min[i] = Math.min(min[i], value);
        max[i] = Math.max(max[i], value);
        if (samples[i] == null) {
            samples[i] = new double[samplesPerSecond];
        }
        if (n <= samplesPerSecond) {
            samples[i][(int) n - 1] = value;
        } else {
            // Reservoir sampling keeps a uniform sample of a busy second for the percentile.
            long j = random.nextLong(n);
            if (j < samplesPerSecond) {
                samples[i][(int) j] = value;
            }
        }
        lastSecond = Math.max(lastSecond, second);
    }

    long lastSecond() {
        return lastSecond;
    }

    /** Datapoints of the seconds in {@code [from, to)} that hold data, oldest first. */
    List<Datapoint> range(long from, long to) {
        List<Datapoint> points = new ArrayList<>();
        for (long s = Math.max(from, to - capacity); s < to; s++) {
            int i = index(s);
            if (stamp[i] == s) {
                points.add(new Datapoint(java.time.Instant.ofEpochSecond(s), sum[i], count[i], min[i], max[i]));
            }
        }
        return points;
    }

    Statistics statistics(long from, long to) {
        double total = 0;
        long n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] kept = new double[0];
        int keptSize = 0;
        int seconds = 0;
        for (long s = Math.max(from, to - capacity); s < to; s++) {
            int i = index(s);
            if (stamp[i] != s) {
                continue;
            }
            seconds++;
            total += sum[i];
            n += count[i];
            lo = Math.min(lo, min[i]);
            hi = Math.max(hi, max[i]);
            int k = (int) Math.min(count[i], samplesPerSecond);
            if (k == 0) {
                continue;
            }
            if (keptSize + k > kept.length) {
                kept = Arrays.copyOf(kept, Math.max(keptSize + k, kept.length * 2));
            }
            System.arraycopy(samples[i], 0, kept, keptSize, k);
            keptSize += k;
        }
        if (seconds == 0) {
            return Statistics.EMPTY;
        }
        if (n == 0) {
            return new Statistics(0, Double.NaN, Double.NaN, Double.NaN, 0, seconds, new double[0]);
        }
        return new Statistics(total, total / n, lo, hi, n, seconds, Arrays.copyOf(kept, keptSize));
    }

    /**
     * The {@code quantiles} of the samples kept for {@code second} (exact up to the per-second sample count), or
     * null when that second holds no value.
     */
    double[] quantiles(long second, double[] quantiles) {
        int i = index(second);
        if (stamp[i] != second || count[i] == 0) {
            return null;
        }
        int k = (int) Math.min(count[i], samplesPerSecond);
        double[] out = new double[quantiles.length];
        for (int q = 0; q < quantiles.length; q++) {
            out[q] = percentile(samples[i], k, quantiles[q]);
        }
        return out;
    }

    private static double percentile(double[] values, int size, double quantile) {
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * size);
        return sorted[Math.max(0, rank - 1)];
    }

    private int index(long second) {
        return (int) Math.floorMod(second, (long) capacity);
    }
}
