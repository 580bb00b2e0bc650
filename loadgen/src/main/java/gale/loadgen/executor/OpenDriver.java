package gale.loadgen.executor;

import gale.loadgen.http.PreparedRequest;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.Scenario;
import gale.loadgen.segment.ExecutionTuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open-model executors (constant-arrival-rate, ramping-arrival-rate): iterations start on a clock whether or
 * not the server keeps up. Each loop emits its share (iterations i with i mod loops = its index) at their intended
 * times and runs them on its own free VUs; when none is free and maxVUs are all busy the iteration is dropped and
 * counted (dropped_iterations). The first request of each iteration is measured from its intended time. In an
 * execution segment the schedule stays the whole test's and this worker starts only the iterations striped to it.
 */
final class OpenDriver extends ScenarioDriver {

    private final ExecutorSpec spec;
    private final List<Emitter> emitters = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger allocated = new AtomicInteger();
    private final AtomicInteger emitting = new AtomicInteger();

    OpenDriver(
            Scenario scenario,
            int index,
            List<PreparedRequest> requests,
            List<VuLoop> loops,
            ScheduledExecutorService clock,
            ExecutionTuple segment) {
        super(scenario, index, requests, loops, clock, segment);
        this.spec = scenario.executor();
    }

    @Override
    void begin(long startNanos) {
        int n = loops.size();
        int pre = segment.scale(preAllocated());
        int most = segment.scale(spec.maxVus());
        for (int k = 0; k < n; k++) {
            int share = pre / n + (k < pre % n ? 1 : 0);
            int max = most / n + (k < most % n ? 1 : 0);
            Emitter e = new Emitter(loops.get(k), k, n, startNanos, Math.max(share, 0), Math.max(max, 1));
            emitters.add(e);
            emitting.incrementAndGet();
            loops.get(k).loop().execute(e::tick);
        }
    }

    private int preAllocated() {
        return switch (spec) {
            case ExecutorSpec.ConstantArrivalRate c -> c.preAllocatedVUs();
            case ExecutorSpec.RampingArrivalRate r -> r.preAllocatedVUs();
            default -> 1;
        };
    }

    @Override
    void onEnding() {
        maybeDone();
    }

    @Override
    void iterationDone(VirtualUser vu) {
        busy.decrementAndGet();
        for (Emitter e : emitters) {
            if (e.ctx == vu.ctx) {
                e.free.push(vu);
            }
        }
        maybeDone();
    }

    private void maybeDone() {
        if ((interrupted || emitting.get() == 0) && busy.get() == 0) {
            done.complete(null);
        }
    }

    @Override
    public int vus() {
        return busy.get();
    }

    @Override
    public int vusAllocated() {
        return allocated.get();
    }

    /** One loop's share of the schedule; touched only on its loop. */
    private final class Emitter {
        final VuLoop ctx;
        final ArrayDeque<VirtualUser> free = new ArrayDeque<>();
        final ArrivalSchedule schedule = new ArrivalSchedule(spec);
        final int step;
        final long startNanos;
        final int max;
        int owned;
        long next;

        Emitter(VuLoop ctx, int first, int step, long startNanos, int preAllocated, int max) {
            this.ctx = ctx;
            this.next = first;
            this.step = step;
            this.startNanos = startNanos;
            this.max = max;
            for (int i = 0; i < preAllocated; i++) {
                free.push(newUser());
            }
        }

        private VirtualUser newUser() {
            owned++;
            allocated.incrementAndGet();
            return new VirtualUser(ctx, OpenDriver.this);
        }

        void tick() {
            long now = System.nanoTime();
            long offset;
            // Not `ending`: iterations due before the end still start when the loop runs late (measured from
            // when they were due); only an interrupt cuts the schedule short.
            // `next` counts this segment's iterations; the whole schedule's index decides when each is due.
            while (!interrupted && !halted && (offset = schedule.offsetNanos(segment.globalIndex(next))) >= 0) {
                long due = startNanos + offset;
                if (due > now) {
                    ctx.loop().schedule(this::tick, due - now, TimeUnit.NANOSECONDS);
                    return;
                }
                launch(due);
                next += step;
            }
            emitting.decrementAndGet();
            maybeDone();
        }

        private void launch(long due) {
            VirtualUser vu = free.poll();
            if (vu == null && owned < max) {
                vu = newUser();
            }
            if (vu == null) {
                ctx.metrics().dropped(index);
                return;
            }
            busy.incrementAndGet();
            vu.startIteration(due);
        }
    }
}
