package gale.loadgen.metrics;

import gale.loadgen.control.ControlEvent;
import gale.loadgen.http.ErrorKind;
import gale.loadgen.plan.LoadPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Merges every loop's recorders once a second (one {@link SecondRow}) into running totals, so memory stays bounded
 * whatever the length of the test. Called from one thread at a time (the clock, then the end of the test).
 */
public final class MetricsCollector {

    private final MetricsLayout layout;
    private final List<LoopMetrics> loops;
    private final Histogram[][] trendTotals;
    private final Histogram[] iterationTotals;
    private final Histogram[][][] recycledTrends;
    private final Histogram[][] recycledIterations;
    private final Histogram second = LoopMetrics.histogram();
    private final StageWindows stages;
    /** Each second's request durations, compressed, so that workers' series merge exactly (a few hundred bytes). */
    private final List<byte[]> secondDurations = new java.util.ArrayList<>();

    private long lastReqs;
    private long lastFailed;
    private long lastSent;
    private long lastReceived;
    private long lastIterations;
    private long lastDropped;
    private long[] lastStatuses = new long[LoopMetrics.STATUSES];
    private long[] lastErrors = new long[ErrorKind.values().length];
    private long seconds;
    private int vusMin = Integer.MAX_VALUE;
    private int vusMaxSeen;
    private int vusMaxMax;
    private int vusLast;

    public MetricsCollector(LoadPlan plan, MetricsLayout layout, List<LoopMetrics> loops) {
        this.layout = layout;
        this.loops = List.copyOf(loops);
        int requests = layout.requests().size();
        trendTotals = new Histogram[requests][Trend.COUNT];
        for (Histogram[] row : trendTotals) {
            for (int t = 0; t < row.length; t++) {
                row[t] = LoopMetrics.histogram();
            }
        }
        iterationTotals = new Histogram[layout.scenarios().size()];
        for (int i = 0; i < iterationTotals.length; i++) {
            iterationTotals[i] = LoopMetrics.histogram();
        }
        recycledTrends = new Histogram[loops.size()][requests][Trend.COUNT];
        recycledIterations = new Histogram[loops.size()][iterationTotals.length];
        stages = new StageWindows(plan);
    }

    /** Folds the second that ended {@code elapsedMillis} after the start into the totals and returns its row. */
    public synchronized SecondRow tick(
            long elapsedMillis, long epochMillis, int vus, int vusMax, List<ControlEvent> events) {
        second.reset();
        for (int l = 0; l < loops.size(); l++) {
            LoopMetrics m = loops.get(l);
            for (int r = 0; r < trendTotals.length; r++) {
                for (int t = 0; t < Trend.COUNT; t++) {
                    Histogram interval = m.trends[r][t].getIntervalHistogram(recycledTrends[l][r][t]);
                    recycledTrends[l][r][t] = interval;
                    trendTotals[r][t].add(interval);
                    if (t == Trend.DURATION.ordinal()) {
                        second.add(interval);
                    }
                }
            }
            for (int s = 0; s < iterationTotals.length; s++) {
                Histogram interval = m.iterations[s].getIntervalHistogram(recycledIterations[l][s]);
                recycledIterations[l][s] = interval;
                iterationTotals[s].add(interval);
            }
        }
        long reqs = requestSum(LoopMetrics.REQS);
        long failed = requestSum(LoopMetrics.FAILED);
        long sent = requestSum(LoopMetrics.SENT);
        long received = requestSum(LoopMetrics.RECEIVED);
        long iterations = scenarioSum(LoopMetrics.ITERATIONS);
        long dropped = scenarioSum(LoopMetrics.DROPPED);
        vusMin = Math.min(vusMin, vus);
        vusMaxSeen = Math.max(vusMaxSeen, vus);
        vusMaxMax = Math.max(vusMaxMax, vusMax);
        vusLast = vus;
        SecondRow row = new SecondRow(
                ++seconds,
                epochMillis,
                vus,
                vusMax,
                reqs - lastReqs,
                failed - lastFailed,
                second.getTotalCount() == 0 ? 0 : second.getMean() / 1000.0,
                TrendStats.ms(second, 50),
                TrendStats.ms(second, 90),
                TrendStats.ms(second, 95),
                TrendStats.ms(second, 99),
                second.getMaxValue() / 1000.0,
                iterations - lastIterations,
                dropped - lastDropped,
                sent - lastSent,
                received - lastReceived,
                events,
                outcomes());
        stages.add(elapsedMillis, second, reqs - lastReqs, failed - lastFailed, vus);
        secondDurations.add(HistogramCodec.compress(second));
        lastReqs = reqs;
        lastFailed = failed;
        lastSent = sent;
        lastReceived = received;
        lastIterations = iterations;
        lastDropped = dropped;
        return row;
    }

    /** This second's responses by status class and failures by kind, from the loops' running counts. */
    private Map<String, Long> outcomes() {
        long[] statuses = sum(loop -> loop.statuses, LoopMetrics.STATUSES);
        long[] errors = sum(loop -> loop.errors, ErrorKind.values().length);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 100; i < statuses.length; i++) {
            long n = statuses[i] - lastStatuses[i];
            if (n > 0) {
                out.merge((i / 100) + "xx", n, Long::sum);
            }
        }
        for (ErrorKind kind : ErrorKind.values()) {
            long n = errors[kind.ordinal()] - lastErrors[kind.ordinal()];
            if (n > 0) {
                out.put(kind.label(), n);
            }
        }
        lastStatuses = statuses;
        lastErrors = errors;
        return out;
    }

    /** Requests, failed requests and iterations so far, read from the loops' counters (between seconds too). */
    public LiveCounts live() {
        return new LiveCounts(
                requestSum(LoopMetrics.REQS), requestSum(LoopMetrics.FAILED), scenarioSum(LoopMetrics.ITERATIONS));
    }

    /** Counts of the test so far, for the API's status. */
    public record LiveCounts(long httpReqs, long httpReqFailed, long iterations) {}

    /** The http_req_duration histogram (µs) of the second the last {@link #tick} folded; valid until the next. */
    public synchronized Histogram lastSecond() {
        return second;
    }

    /** The totals so far (call after a final {@link #tick} for the whole test). */
    public synchronized Results results(double durationSeconds) {
        int requests = trendTotals.length;
        Histogram[][] trends = new Histogram[requests][Trend.COUNT];
        long[][] counters = new long[requests][];
        for (int r = 0; r < requests; r++) {
            for (int t = 0; t < Trend.COUNT; t++) {
                trends[r][t] = trendTotals[r][t].copy();
            }
            int width = loops.get(0).requestCounters[r].length();
            counters[r] = new long[width];
            for (LoopMetrics m : loops) {
                for (int i = 0; i < width; i++) {
                    counters[r][i] += m.requestCounters[r].get(i);
                }
            }
        }
        Histogram[] iterations = new Histogram[iterationTotals.length];
        long[][] scenarioCounters = new long[iterationTotals.length][2];
        for (int s = 0; s < iterations.length; s++) {
            iterations[s] = iterationTotals[s].copy();
            for (LoopMetrics m : loops) {
                scenarioCounters[s][0] += m.scenarioCounters.get(s * 2 + LoopMetrics.ITERATIONS);
                scenarioCounters[s][1] += m.scenarioCounters.get(s * 2 + LoopMetrics.DROPPED);
            }
        }
        long[] statuses = sum(loop -> loop.statuses, LoopMetrics.STATUSES);
        long[] errors = sum(loop -> loop.errors, ErrorKind.values().length);
        long[] protocols = sum(loop -> loop.protocols, LoopMetrics.PROTOCOLS.size());
        Results.Gauge vus = new Results.Gauge(vusLast, vusMin == Integer.MAX_VALUE ? 0 : vusMin, vusMaxSeen);
        Results.Gauge vusMax = new Results.Gauge(vusMaxMax, vusMaxMax, vusMaxMax);
        return new Results(
                layout,
                trends,
                counters,
                iterations,
                scenarioCounters,
                statuses,
                errors,
                protocols,
                vus,
                vusMax,
                durationSeconds,
                stages.rows(),
                stages.histograms(),
                List.copyOf(secondDurations));
    }

    private long requestSum(int counter) {
        long total = 0;
        for (LoopMetrics m : loops) {
            for (AtomicLongArray c : m.requestCounters) {
                total += c.get(counter);
            }
        }
        return total;
    }

    private long scenarioSum(int counter) {
        long total = 0;
        for (LoopMetrics m : loops) {
            for (int s = 0; s < iterationTotals.length; s++) {
                total += m.scenarioCounters.get(s * 2 + counter);
            }
        }
        return total;
    }

    private long[] sum(java.util.function.Function<LoopMetrics, AtomicLongArray> which, int width) {
        long[] out = new long[width];
        for (LoopMetrics m : loops) {
            AtomicLongArray a = which.apply(m);
            for (int i = 0; i < width; i++) {
                out[i] += a.get(i);
            }
        }
        return out;
    }
}
