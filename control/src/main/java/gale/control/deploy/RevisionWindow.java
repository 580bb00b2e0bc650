package gale.control.deploy;

/**
 * What the balancer measured of one revision since the previous measurement.
 *
 * @param requests responses relayed from its tasks, plus requests they failed (retried elsewhere)
 * @param errors 5xx responses and failed requests
 * @param latencyMillis the latency of the percentile asked for, 0 when there were no requests
 */
record RevisionWindow(long requests, long errors, double latencyMillis) {

    double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
