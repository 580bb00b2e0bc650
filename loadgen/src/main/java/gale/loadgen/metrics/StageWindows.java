package gale.loadgen.metrics;

import gale.loadgen.plan.Durations;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.Scenario;
import gale.loadgen.plan.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The summary's per-stage table (JMeter's aggregate report, per stage): each stage of a ramping scenario is a time
 * window, and each second of the series is added to the windows it falls in. Scenarios without stages get one
 * row for their whole run.
 */
final class StageWindows {

    private final List<Window> windows = new ArrayList<>();

    StageWindows(LoadPlan plan) {
        for (Scenario s : plan.scenarios()) {
            List<Stage> stages = s.executor().stages();
            long at = s.startTime().toMillis();
            boolean rate = s.executor().openModel();
            if (stages.isEmpty()) {
                windows.add(new Window(
                        s.name(),
                        "-",
                        target(s.executor()),
                        at,
                        at + s.executor().length().toMillis()));
                continue;
            }
            for (int i = 0; i < stages.size(); i++) {
                Stage st = stages.get(i);
                long end = at + st.duration().toMillis();
                String shape = st.rampUp().equals(st.duration())
                        ? "ramp " + Durations.format(st.duration())
                        : (st.rampUp().isZero() ? "" : "ramp " + Durations.format(st.rampUp()) + ", ") + "hold "
                                + Durations.format(st.duration().minus(st.rampUp()));
                windows.add(new Window(s.name() + " #" + (i + 1), shape, (rate ? "rate " : "") + st.target(), at, end));
                at = end;
            }
        }
    }

    private static String target(ExecutorSpec e) {
        return switch (e) {
            case ExecutorSpec.ConstantArrivalRate c -> "rate " + c.rate() + "/" + Durations.format(c.timeUnit());
            default -> String.valueOf(e.maxVus());
        };
    }

    /** Adds the second that ended at {@code endMillis} after the start. */
    void add(long endMillis, Histogram durations, long requests, long failed, int vus) {
        long mid = endMillis - 500;
        for (Window w : windows) {
            if (mid >= w.from && mid < w.to) {
                w.durations.add(durations);
                w.requests += requests;
                w.failed += failed;
                w.maxVus = Math.max(w.maxVus, vus);
                w.lastMillis = Math.max(w.lastMillis, endMillis);
            }
        }
    }

    List<StageRow> rows() {
        List<StageRow> rows = new ArrayList<>();
        for (Window w : windows) {
            double seconds = Math.max(0, Math.min(w.to, w.lastMillis) - w.from) / 1000.0;
            rows.add(new StageRow(
                    w.label,
                    w.shape,
                    w.target,
                    w.maxVus,
                    w.requests,
                    w.failed,
                    TrendStats.of(w.durations),
                    seconds > 0 ? w.requests / seconds : 0,
                    Duration.ofMillis(w.from),
                    Duration.ofMillis(w.to),
                    PercentileCurve.of(w.durations)));
        }
        return rows;
    }

    /** Each row's request durations, in the order of {@link #rows()}. */
    List<Histogram> histograms() {
        return windows.stream().map(w -> w.durations.copy()).toList();
    }

    private static final class Window {
        final String label;
        final String shape;
        final String target;
        final long from;
        final long to;
        final Histogram durations = LoopMetrics.histogram();
        long requests;
        long failed;
        int maxVus;
        long lastMillis;

        Window(String label, String shape, String target, long from, long to) {
            this.label = label;
            this.shape = shape;
            this.target = target;
            this.from = from;
            this.to = to;
        }
    }
}
