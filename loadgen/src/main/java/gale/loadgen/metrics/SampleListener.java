package gale.loadgen.metrics;

import gale.loadgen.http.ClientExchange;

/**
 * Told of every sample as {@link LoopMetrics} records it, on the recording event loop: what per-sample outputs
 * (k6's JSON and CSV points) write. A loop without one pays a null check.
 */
public interface SampleListener {

    /** A request of series {@code series} ended; {@code checks[0..count)} are its check results. */
    void request(int series, ClientExchange e, boolean[] checks, int count);

    /** An iteration of scenario {@code scenario} ended after {@code nanos}. */
    void iteration(int scenario, long nanos);

    /** A journey group ran for {@code nanos}; {@code series} indexes {@link MetricsLayout#scenarios()}. */
    void group(int series, long nanos);

    /** An open-model iteration of scenario {@code scenario} was dropped. */
    void dropped(int scenario);
}
