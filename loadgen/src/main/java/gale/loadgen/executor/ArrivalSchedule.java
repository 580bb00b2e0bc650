package gale.loadgen.executor;

import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * When each iteration of an arrival-rate executor is due: the rate is piecewise linear (each stage ramps, then
 * holds), so the number of iterations due by time t is its integral, and iteration i is due when that integral
 * reaches i. Pure arithmetic, no clock: tests check it directly.
 */
final class ArrivalSchedule {

    /** A piece with a linear rate (iterations per second) from r0 to r1 over {@code seconds}. */
    private record Piece(double startSeconds, double seconds, double r0, double r1, double countBefore) {
        double count() {
            return (r0 + r1) / 2 * seconds;
        }
    }

    private final List<Piece> pieces = new ArrayList<>();
    private final double total;
    private int cursor;

    ArrivalSchedule(ExecutorSpec spec) {
        double unit;
        double from;
        List<Stage> stages;
        switch (spec) {
            case ExecutorSpec.ConstantArrivalRate c -> {
                unit = c.timeUnit().toNanos() / 1e9;
                from = c.rate();
                stages = List.of(new Stage(java.time.Duration.ZERO, c.duration(), c.rate()));
            }
            case ExecutorSpec.RampingArrivalRate r -> {
                unit = r.timeUnit().toNanos() / 1e9;
                from = r.startRate();
                stages = r.stages();
            }
            default -> throw new IllegalArgumentException("not an arrival-rate executor: " + spec.type());
        }
        double at = 0;
        double count = 0;
        for (Stage s : stages) {
            double ramp = s.rampUp().toNanos() / 1e9;
            double hold = (s.duration().toNanos() - s.rampUp().toNanos()) / 1e9;
            double to = s.target() / unit;
            for (Piece p :
                    new Piece[] {new Piece(at, ramp, from / unit, to, count), new Piece(at + ramp, hold, to, to, 0)}) {
                if (p.seconds > 0) {
                    Piece placed = new Piece(p.startSeconds, p.seconds, p.r0, p.r1, count);
                    pieces.add(placed);
                    count += placed.count();
                }
            }
            at += ramp + hold;
            from = s.target();
        }
        total = count;
    }

    /** Iterations the whole schedule holds (rounded down). */
    long total() {
        return (long) Math.floor(total + 1e-9);
    }

    /** Nanoseconds from the start at which iteration {@code i} (0-based) is due, or -1 past the end. Call with i rising. */
    long offsetNanos(long i) {
        double target = i;
        if (target >= total - 1e-9) {
            return -1;
        }
        while (cursor < pieces.size() - 1
                && pieces.get(cursor).countBefore + pieces.get(cursor).count() <= target) {
            cursor++;
        }
        Piece p = pieces.get(cursor);
        double x = target - p.countBefore;
        double t;
        double slope = (p.r1 - p.r0) / p.seconds;
        if (Math.abs(slope) < 1e-12) {
            t = p.r0 <= 0 ? p.seconds : x / p.r0;
        } else {
            // x = r0 t + slope t^2 / 2
            double disc = p.r0 * p.r0 + 2 * slope * x;
            t = (-p.r0 + Math.sqrt(Math.max(0, disc))) / slope;
        }
        return Math.round((p.startSeconds + Math.min(t, p.seconds)) * 1e9);
    }
}
