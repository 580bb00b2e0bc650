package gale.loadgen.executor;

import gale.loadgen.http.PreparedRequest;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.Scenario;
import gale.loadgen.plan.Stage;
import gale.loadgen.segment.ExecutionTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed-model executors (constant-vus, ramping-vus, per-vu-iterations, shared-iterations): a VU starts its
 * next iteration when the last one ends, so a slow server slows the load (and the request count shows it).
 * ramping-vus moves the number of running VUs along its stages every 100 ms; a VU asked to stop finishes its
 * iteration first (k6's gracefulRampDown). externally-controlled follows {@link ExternalVus} the same way, and
 * allocates its VUs as they are first asked for, so vus_max shows the highest scale the test reached.
 */
final class ClosedDriver extends ScenarioDriver {

    private static final long CONTROL_MILLIS = 100;

    private final ExecutorSpec spec;
    private final List<VirtualUser> users = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong sharedLeft;
    private final boolean perVu;
    private final boolean shared;
    /** Set for externally-controlled: the VU count and pause the API sets. */
    private final ExternalVus external;
    /** VUs created so far; read by the API's thread. */
    private volatile int allocated;

    private volatile ScheduledFuture<?> controller;
    private long startNanos;
    private int lastTarget;

    ClosedDriver(
            Scenario scenario,
            int index,
            List<PreparedRequest> requests,
            List<VuLoop> loops,
            ScheduledExecutorService clock,
            ExecutionTuple segment) {
        super(scenario, index, requests, loops, clock, segment);
        this.spec = scenario.executor();
        this.sharedLeft =
                new AtomicLong(spec instanceof ExecutorSpec.SharedIterations s ? segment.scale(s.iterations()) : 0);
        this.perVu = spec instanceof ExecutorSpec.PerVuIterations;
        this.shared = spec instanceof ExecutorSpec.SharedIterations;
        this.external = spec instanceof ExecutorSpec.ExternallyControlled e ? new ExternalVus(e) : null;
    }

    @Override
    void begin(long start) {
        startNanos = start;
        int vus = segment.scale(spec.maxVus());
        if (external != null) {
            external.onChange(() -> clock.execute(this::follow));
            follow();
            return;
        }
        allocate(vus);
        if (spec instanceof ExecutorSpec.RampingVus) {
            adjust();
            controller = clock.scheduleAtFixedRate(this::adjust, CONTROL_MILLIS, CONTROL_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            moveTo(vus);
        }
        if (users.isEmpty()) {
            done.complete(null); // this segment's share of the VUs is none
        }
    }

    /** Sets the running VUs to the ramp's value now; runs on the clock thread. */
    private void adjust() {
        if (ending) {
            return;
        }
        ExecutorSpec.RampingVus r = (ExecutorSpec.RampingVus) spec;
        // The segment's share of the whole ramp's VUs now: striped, so the workers' counts add up to the ramp's.
        moveTo(segment.scale((int) Math.round(valueAt(r.startVUs(), r.stages(), System.nanoTime() - startNanos))));
    }

    /** Sets the running VUs to what the API asked for; runs on the clock thread. */
    private void follow() {
        if (!ending) {
            int target = external.target();
            allocate(target);
            moveTo(target);
        }
    }

    /** Creates VUs up to {@code count}, spread over the loops. */
    private void allocate(int count) {
        for (int i = users.size(); i < count; i++) {
            VirtualUser vu = new VirtualUser(loops.get(i % loops.size()), this);
            if (spec instanceof ExecutorSpec.PerVuIterations p) {
                vu.remaining = p.iterations();
            }
            users.add(vu);
        }
        allocated = users.size();
    }

    /** A staged value (VUs or rate) at {@code elapsedNanos}: linear within each ramp-up, held after it. */
    static double valueAt(double start, List<Stage> stages, long elapsedNanos) {
        double from = start;
        long at = 0;
        for (Stage s : stages) {
            long length = s.duration().toNanos();
            if (elapsedNanos < at + length) {
                return s.valueAt(from, elapsedNanos - at);
            }
            from = s.target();
            at += length;
        }
        return from;
    }

    private void moveTo(int target) {
        target = Math.min(target, users.size());
        for (int i = lastTarget; i < target; i++) {
            activate(users.get(i));
        }
        for (int i = target; i < lastTarget; i++) {
            users.get(i).state.compareAndSet(VirtualUser.RUNNING, VirtualUser.RETIRING);
        }
        lastTarget = target;
    }

    private void activate(VirtualUser vu) {
        while (true) {
            int s = vu.state.get();
            if (s == VirtualUser.RUNNING || vu.state.compareAndSet(VirtualUser.RETIRING, VirtualUser.RUNNING)) {
                return;
            }
            if (s == VirtualUser.PARKED && vu.state.compareAndSet(VirtualUser.PARKED, VirtualUser.RUNNING)) {
                active.incrementAndGet();
                vu.ctx.loop().execute(() -> next(vu));
                return;
            }
        }
    }

    @Override
    void iterationDone(VirtualUser vu) {
        next(vu);
    }

    /** Starts the VU's next iteration if it may run one, else parks it. On the VU's loop. */
    private void next(VirtualUser vu) {
        if (!ending && vu.state.get() == VirtualUser.RUNNING && claimIteration(vu)) {
            vu.startIteration(0);
            return;
        }
        if (vu.state.compareAndSet(VirtualUser.RUNNING, VirtualUser.PARKED)
                || vu.state.compareAndSet(VirtualUser.RETIRING, VirtualUser.PARKED)) {
            if (active.decrementAndGet() == 0 && (ending || budgetSpent())) {
                done.complete(null);
            }
        } else if (!ending && !budgetSpent() && vu.state.get() == VirtualUser.RUNNING) {
            next(vu); // the controller re-activated it between our check and the park
        }
    }

    /** Per iteration, so plain flags rather than a pattern switch (an invokedynamic call site under C1). */
    private boolean claimIteration(VirtualUser vu) {
        return perVu ? vu.remaining-- > 0 : !shared || sharedLeft.getAndDecrement() > 0;
    }

    private boolean budgetSpent() {
        return perVu || (shared && sharedLeft.get() <= 0);
    }

    @Override
    void onEnding() {
        ScheduledFuture<?> c = controller;
        if (c != null) {
            c.cancel(false);
        }
        if (active.get() == 0) {
            done.complete(null);
        }
    }

    @Override
    public int vus() {
        return active.get();
    }

    @Override
    public int vusAllocated() {
        return allocated;
    }

    @Override
    public ExternalVus external() {
        return external;
    }
}
