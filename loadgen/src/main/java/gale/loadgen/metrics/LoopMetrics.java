package gale.loadgen.metrics;

import gale.loadgen.http.ClientExchange;
import gale.loadgen.http.ErrorKind;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one event loop records: wait-free single-writer HdrHistogram recorders and counters that only this loop
 * writes and the collector reads once a second. Memory is fixed by the plan, not by the test's length.
 */
public final class LoopMetrics {

    static final int REQS = 0;
    static final int FAILED = 1;
    static final int SENT = 2;
    static final int RECEIVED = 3;
    static final int CHECKS = 4;
    static final int ITERATIONS = 0;
    static final int DROPPED = 1;
    static final int STATUSES = 600;

    final SingleWriterRecorder[][] trends;
    final SingleWriterRecorder[] iterations;
    /** Per request: REQS, FAILED, SENT, RECEIVED, then pass and fail counts of each check. */
    final AtomicLongArray[] requestCounters;
    /** Per scenario: ITERATIONS, DROPPED. */
    final AtomicLongArray scenarioCounters;

    final AtomicLongArray statuses = new AtomicLongArray(STATUSES);
    final AtomicLongArray errors = new AtomicLongArray(ErrorKind.values().length);
    /** Responses by protocol: {@link #HTTP1}, {@link #HTTP2}. */
    final AtomicLongArray protocols = new AtomicLongArray(2);

    static final int HTTP1 = 0;
    static final int HTTP2 = 1;
    /** As k6's proto tag writes them, by index. */
    static final java.util.List<String> PROTOCOLS = java.util.List.of("HTTP/1.1", "HTTP/2.0");

    private final int[] groupBase;
    /** Per-sample outputs, or null (the usual case: nothing per sample). */
    private SampleListener samples;

    public LoopMetrics(MetricsLayout layout) {
        int requests = layout.requests().size();
        trends = new SingleWriterRecorder[requests][Trend.COUNT];
        requestCounters = new AtomicLongArray[requests];
        for (MetricsLayout.Series s : layout.requests()) {
            for (int t = 0; t < Trend.COUNT; t++) {
                trends[s.index()][t] = recorder();
            }
            requestCounters[s.index()] =
                    new AtomicLongArray(CHECKS + 2 * s.checks().size());
        }
        int scenarios = layout.scenarios().size();
        iterations = new SingleWriterRecorder[scenarios];
        for (int i = 0; i < scenarios; i++) {
            iterations[i] = recorder();
        }
        scenarioCounters = new AtomicLongArray(scenarios * 2);
        groupBase = new int[scenarios];
        for (int i = 0; i < scenarios; i++) {
            groupBase[i] = i < layout.scenarioCount() ? layout.groupBase(i) : 0;
        }
    }

    /** Sends every later sample to {@code listener} too; set before the test starts. */
    public void sampleTo(SampleListener listener) {
        this.samples = listener;
    }

    static SingleWriterRecorder recorder() {
        return new SingleWriterRecorder(3);
    }

    static Histogram histogram() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    /** Records one finished exchange of request {@code index}; {@code checks} holds its check results, in order. */
    public void record(int index, ClientExchange e, boolean[] checks, int checkCount) {
        SingleWriterRecorder[] t = trends[index];
        AtomicLongArray c = requestCounters[index];
        if (e.gotResponse()) {
            t[Trend.BLOCKED.ordinal()].recordValue(micros(e.blockedNanos()));
            t[Trend.CONNECTING.ordinal()].recordValue(micros(e.connectingNanos()));
            t[Trend.SENDING.ordinal()].recordValue(micros(e.sendingNanos()));
            t[Trend.WAITING.ordinal()].recordValue(micros(e.waitingNanos()));
            t[Trend.RECEIVING.ordinal()].recordValue(micros(e.receivingNanos()));
            bump(statuses, Math.min(e.status(), STATUSES - 1), 1);
            bump(protocols, e.isHttp2() ? HTTP2 : HTTP1, 1);
        }
        t[Trend.DURATION.ordinal()].recordValue(micros(e.durationNanos()));
        if (e.error() != null) {
            bump(errors, e.error().ordinal(), 1);
        }
        bump(c, REQS, 1);
        if (e.failed()) {
            bump(c, FAILED, 1);
        }
        bump(c, SENT, e.bytesSent());
        bump(c, RECEIVED, e.bytesReceived());
        for (int i = 0; i < checkCount; i++) {
            bump(c, CHECKS + 2 * i + (checks[i] ? 0 : 1), 1);
        }
        if (samples != null) {
            samples.request(index, e, checks, checkCount);
        }
    }

    public void iteration(int scenario, long nanos) {
        iterations[scenario].recordValue(micros(nanos));
        bump(scenarioCounters, scenario * 2 + ITERATIONS, 1);
        if (samples != null) {
            samples.iteration(scenario, nanos);
        }
    }

    /** Records one run of group {@code slot} of scenario {@code scenario}'s journey (k6's group_duration). */
    public void group(int scenario, int slot, long nanos) {
        iterations[groupBase[scenario] + slot].recordValue(micros(nanos));
        if (samples != null) {
            samples.group(groupBase[scenario] + slot, nanos);
        }
    }

    public void dropped(int scenario) {
        bump(scenarioCounters, scenario * 2 + DROPPED, 1);
        if (samples != null) {
            samples.dropped(scenario);
        }
    }

    /** Single writer: a plain read and an ordered write are enough, and cheaper than an atomic add. */
    private static void bump(AtomicLongArray a, int i, long delta) {
        a.lazySet(i, a.getPlain(i) + delta);
    }

    private static long micros(long nanos) {
        return Math.max(0, (nanos + 500) / 1000);
    }
}
