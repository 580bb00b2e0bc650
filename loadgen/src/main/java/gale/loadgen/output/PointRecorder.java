package gale.loadgen.output;

import gale.loadgen.http.ClientExchange;
import gale.loadgen.metrics.SampleListener;
import java.util.ArrayList;
import java.util.List;

/** One event loop's samples, queued for the writer thread; only a copy and an append happen on the loop. */
final class PointRecorder implements SampleListener {

    /** Checks past this many on one request are not written per point (a bit each in a long). */
    static final int MAX_CHECKS = 64;

    private List<Sample> queue = new ArrayList<>();

    @Override
    public void request(int series, ClientExchange e, boolean[] checks, int count) {
        long bits = 0;
        int n = Math.min(count, MAX_CHECKS);
        for (int i = 0; i < n; i++) {
            bits |= checks[i] ? 1L << i : 0;
        }
        add(new Sample(
                Sample.Kind.REQUEST,
                series,
                System.currentTimeMillis(),
                e.durationNanos(),
                e.blockedNanos(),
                e.connectingNanos(),
                e.sendingNanos(),
                e.waitingNanos(),
                e.receivingNanos(),
                e.status(),
                e.error() == null ? null : e.error().label(),
                e.failed(),
                e.bytesSent(),
                e.bytesReceived(),
                bits,
                n,
                e.protocol()));
    }

    @Override
    public void iteration(int scenario, long nanos) {
        add(Sample.of(Sample.Kind.ITERATION, scenario, nanos));
    }

    @Override
    public void group(int series, long nanos) {
        add(Sample.of(Sample.Kind.GROUP, series, nanos));
    }

    @Override
    public void dropped(int scenario) {
        add(Sample.of(Sample.Kind.DROPPED, scenario, 0));
    }

    private synchronized void add(Sample s) {
        queue.add(s);
    }

    /** What was queued since the last call. */
    synchronized List<Sample> drain() {
        List<Sample> out = queue;
        queue = new ArrayList<>(Math.max(16, out.size()));
        return out;
    }
}
