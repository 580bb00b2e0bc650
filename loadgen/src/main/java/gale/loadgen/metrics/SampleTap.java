package gale.loadgen.metrics;

/**
 * Sees every request duration as it is recorded, in the microseconds the histograms hold; called on the event
 * loops, concurrently. Tests use it to check merged percentiles against the raw samples.
 */
@FunctionalInterface
public interface SampleTap {

    void duration(int request, long micros);
}
