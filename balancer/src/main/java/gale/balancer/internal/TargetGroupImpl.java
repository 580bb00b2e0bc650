package gale.balancer.internal;

import gale.balancer.Algorithm;
import gale.balancer.BalancerError;
import gale.balancer.TargetGroup;
import gale.balancer.TargetGroupConfig;
import gale.balancer.TargetListener;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target group: registration, draining, and the choice of a target per request. The request path reads two
 * immutable arrays (healthy targets, and every non-draining target for fail-open) rebuilt on each state change.
 */
final class TargetGroupImpl implements TargetGroup {
    private static final Logger log = LoggerFactory.getLogger(TargetGroupImpl.class);
    private static final Target[] NONE = new Target[0];

    private final TargetGroupConfig config;
    private final BalancerRuntime runtime;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<Target, ScheduledFuture<?>> healthChecks = new LinkedHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile Target[] healthy = NONE;
    /** Registered and not yet judged: preferred to known-bad targets while none is healthy. */
    private volatile Target[] untested = NONE;

    private volatile Target[] live = NONE;
    /** Whether a healthy target is in slow start: only then does the request path weigh targets. */
    private volatile boolean ramping;

    private boolean failOpen;
    /** Zero when the group never holds: the request path then reads nothing more. */
    final long holdNanos;
    /** Connections whose request waits for a first healthy target, oldest first. Guarded by this. */
    private final Set<FrontendHandler> waiting = new LinkedHashSet<>();

    private volatile int held;
    /**
     * False for the balancer's own warm-up group, whose one target comes through {@link #registerUp}: its state
     * changes are neither logged nor told to target listeners.
     */
    private final boolean announced;

    TargetGroupImpl(TargetGroupConfig config, BalancerRuntime runtime) {
        this(config, runtime, true);
    }

    TargetGroupImpl(TargetGroupConfig config, BalancerRuntime runtime, boolean announced) {
        this.config = config;
        this.runtime = runtime;
        this.holdNanos = config.holdWhenEmpty().toNanos();
        this.announced = announced;
    }

    /** What {@link #hold} did with a request. */
    enum Hold {
        HELD,
        /** Too many held already. */
        FULL,
        /** A target can take it now. */
        ROUTE
    }

    TargetGroupConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void register(String targetId, InetSocketAddress address) {
        Target target;
        synchronized (this) {
            if (targets.containsKey(targetId)) {
                throw new IllegalStateException(
                        "targetId: '" + targetId + "' (expected: not registered in " + name() + ")");
            }
            target = new Target(targetId, address, this, runtime.loops().length, runtime.poolIdleNanos());
            targets.put(targetId, target);
            rebuild();
        }
        log.info("Target {} registered in {} at {}", targetId, name(), address);
        notifyListeners(target, null);
        startChecks(target);
    }

    /**
     * Registers a target known to answer, healthy at once: the warm-up's own target. It is checked all the same, so
     * that health checks run in the warm-up as they will beside real traffic.
     */
    Target registerUp(String targetId, InetSocketAddress address) {
        Target target = new Target(targetId, address, this, runtime.loops().length, runtime.poolIdleNanos());
        synchronized (this) {
            targets.put(targetId, target);
            rebuild();
        }
        for (int i = 0; i < config.healthCheck().healthyThreshold(); i++) {
            target.onCheckSuccess();
        }
        startChecks(target);
        return target;
    }

    private void startChecks(Target target) {
        ScheduledFuture<?> check = runtime.healthChecker().start(target, config.healthCheck());
        synchronized (this) {
            healthChecks.put(target, check);
        }
    }

    @Override
    public CompletableFuture<Void> deregister(String targetId) {
        Target target;
        CompletableFuture<Void> removed = new CompletableFuture<>();
        synchronized (this) {
            target = targets.get(targetId);
            if (target == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (target.removal != null) {
                return target.removal;
            }
            target.removal = removed;
        }
        stopHealthCheck(target);
        target.drain();
        log.info(
                "Target {} of {} draining ({} in flight, waiting up to {})",
                targetId,
                name(),
                target.inFlight.get(),
                config.deregistrationDelay());
        long delayMillis = config.deregistrationDelay().toMillis();
        target.idle
                .copy()
                .completeOnTimeout(null, delayMillis, TimeUnit.MILLISECONDS)
                .thenCompose(v -> closeIdleConnections(target))
                .whenComplete((v, e) -> {
                    remove(target);
                    removed.complete(null);
                });
        return removed;
    }

    private CompletableFuture<Void> closeIdleConnections(Target target) {
        LoopContext[] loops = runtime.loops();
        CompletableFuture<?>[] closed = new CompletableFuture<?>[loops.length];
        for (LoopContext loop : loops) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            closed[loop.index] = done;
            try {
                loop.loop.execute(() -> {
                    target.pools[loop.index].closeAll();
                    done.complete(null);
                });
            } catch (RuntimeException e) { // the balancer is closing: its connections go with it
                done.complete(null);
            }
        }
        return CompletableFuture.allOf(closed);
    }

    private void remove(Target target) {
        synchronized (this) {
            targets.remove(target.id, target);
            rebuild();
        }
        log.info("Target {} of {} deregistered ({} still in flight)", target.id, name(), target.inFlight.get());
    }

    private void stopHealthCheck(Target target) {
        ScheduledFuture<?> check;
        synchronized (this) {
            check = healthChecks.remove(target);
        }
        if (check != null) {
            check.cancel(false);
        }
    }

    @Override
    public synchronized List<TargetSnapshot> targets() {
        List<TargetSnapshot> out = new ArrayList<>(targets.size());
        for (Target t : targets.values()) {
            out.add(t.snapshot());
        }
        return out;
    }

    synchronized List<Target> targetList() {
        return new ArrayList<>(targets.values());
    }

    /** Called by a target after its health state changed. */
    void stateChanged(Target target, TargetState previous) {
        SlowStart ramp;
        synchronized (this) {
            target.publishState();
            ramp = target.state() == TargetState.HEALTHY && previous != TargetState.HEALTHY
                    ? beginSlowStart(target)
                    : null;
            if (target.state() != TargetState.HEALTHY) {
                target.slowStart(null);
            }
            if (targets.get(target.id) == target) {
                rebuild();
            }
        }
        if (ramp != null) {
            scheduleSlowStartEnd(target, ramp);
        }
        if (!announced) {
            return;
        }
        TargetSnapshot now = target.snapshot();
        log.info(
                "Target {} of {}: {} -> {} ({}{}{})",
                target.id,
                name(),
                previous,
                now.state(),
                now.reason(),
                now.detail().isEmpty() ? "" : ": ",
                now.detail());
        notifyListeners(target, previous);
    }

    /**
     * Under the lock, for a target that just turned healthy: slow start, when the group has one and another healthy
     * target already takes a full share (the first target, or one that comes back while none serves, gets everything
     * at once, as on ALB: there is nobody to take the rest).
     */
    private SlowStart beginSlowStart(Target target) {
        if (config.slowStart().isZero() || !announced) {
            return null;
        }
        for (Target t : healthy) {
            if (t != target && t.slowStart() == null) {
                SlowStart ramp =
                        new SlowStart(System.nanoTime(), config.slowStart().toNanos());
                target.slowStart(ramp);
                return ramp;
            }
        }
        return null;
    }

    private void scheduleSlowStartEnd(Target target, SlowStart ramp) {
        log.info(
                "Target {} of {}: slow start for {}, from {}% of a full share",
                target.id, name(), config.slowStart(), Math.round(SlowStart.FLOOR * 100));
        try {
            runtime.loops()[0].loop.schedule(
                    () -> endSlowStart(target, ramp), ramp.windowNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // the balancer is closing
            log.debug("Slow start of {} not scheduled to end: the balancer is closing", target);
        }
    }

    private void endSlowStart(Target target, SlowStart ramp) {
        synchronized (this) {
            if (target.slowStart() != ramp) { // ended already: the target went unhealthy, maybe came back
                return;
            }
            target.slowStart(null);
            rebuild();
        }
        log.info("Target {} of {}: slow start over, full share", target.id, name());
    }

    private void notifyListeners(Target target, TargetState previous) {
        TargetSnapshot snapshot = target.snapshot();
        for (TargetListener l : runtime.targetListeners()) {
            try {
                l.onTargetStateChange(name(), snapshot, previous == null ? snapshot.state() : previous);
            } catch (RuntimeException e) {
                log.warn("Target listener failed on {} of {}", target.id, name(), e);
            }
        }
    }

    /** Under the lock: recompute the request path's view and announce fail-open changes. */
    private void rebuild() {
        List<Target> up = new ArrayList<>();
        List<Target> fresh = new ArrayList<>();
        List<Target> all = new ArrayList<>();
        boolean anyRamping = false;
        for (Target t : targets.values()) {
            TargetState s = t.state();
            if (s == TargetState.DRAINING) {
                continue;
            }
            all.add(t);
            if (s == TargetState.HEALTHY) {
                up.add(t);
                anyRamping |= t.slowStart() != null;
            } else if (s == TargetState.INITIAL) {
                fresh.add(t);
            }
        }
        healthy = up.toArray(NONE);
        untested = fresh.toArray(NONE);
        live = all.toArray(NONE);
        ramping = anyRamping;
        releaseHeld();
        // Fail-open is when the checks have judged every target bad; before any verdict (startup) traffic goes to
        // the untested targets, which is not worth a warning.
        boolean nowFailOpen = up.isEmpty() && fresh.size() < all.size();
        if (nowFailOpen != failOpen && announced) {
            failOpen = nowFailOpen;
            if (nowFailOpen) {
                log.warn("Fail-open: no healthy target in {}, routing to all {} registered", name(), all.size());
                runtime.observer().failOpenEntered(name());
            } else {
                log.info("Fail-open over in {}: {} healthy of {}", name(), up.size(), all.size());
                runtime.observer().failOpenLeft(name());
            }
        }
    }

    /**
     * The target for the next request: among healthy targets; when none is healthy (fail-open), among targets not yet
     * judged, then among all non-draining ones. Targets in {@code tried} (the first {@code triedCount}) are avoided;
     * null when nothing is left.
     */
    Target pick(Target[] tried, int triedCount) {
        Target t = pick(healthy, tried, triedCount);
        if (t == null && healthy.length == 0) {
            t = pick(untested, tried, triedCount);
            if (t == null) {
                t = pick(live, tried, triedCount);
            }
        }
        return t;
    }

    private Target pick(Target[] candidates, Target[] tried, int triedCount) {
        int n = candidates.length;
        if (n == 0) {
            return null;
        }
        int start = next.getAndIncrement() & Integer.MAX_VALUE;
        if (ramping) {
            return pickWeighted(candidates, start, tried, triedCount);
        }
        if (config.algorithm() == Algorithm.ROUND_ROBIN) {
            for (int i = 0; i < n; i++) {
                Target t = candidates[(start + i) % n];
                if (!contains(tried, triedCount, t)) {
                    return t;
                }
            }
            return null;
        }
        Target best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Target t = candidates[(start + i) % n];
            int load = t.inFlight.get();
            if (load < bestLoad && !contains(tried, triedCount, t)) {
                best = t;
                bestLoad = load;
            }
        }
        return best;
    }

    /**
     * {@link #pick} while a target is in slow start: a ramping target is a candidate for this request only with the
     * probability of its weight, so under round robin its share is its weight times a full share, and least outstanding
     * requests never gives it more than its weight of the requests. When every target left is a ramping one that lost
     * its draw, the first of them: better a ramping target than none.
     */
    private Target pickWeighted(Target[] candidates, int start, Target[] tried, int triedCount) {
        long now = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean roundRobin = config.algorithm() == Algorithm.ROUND_ROBIN;
        int n = candidates.length;
        Target best = null;
        int bestLoad = Integer.MAX_VALUE;
        Target passed = null;
        for (int i = 0; i < n; i++) {
            Target t = candidates[(start + i) % n];
            if (contains(tried, triedCount, t)) {
                continue;
            }
            double weight = t.weight(now);
            if (weight < 1 && random.nextDouble() >= weight) {
                if (passed == null) {
                    passed = t;
                }
                continue;
            }
            if (roundRobin) {
                return t;
            }
            int load = t.inFlight.get();
            if (load < bestLoad) {
                best = t;
                bestLoad = load;
            }
        }
        return best != null ? best : passed;
    }

    private static boolean contains(Target[] tried, int count, Target t) {
        for (int i = 0; i < count; i++) {
            if (tried[i] == t) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a request must wait rather than be routed: the group holds, has no healthy target, and none of its targets
     * has been judged (none at all, or only targets in their first checks), or requests wait already (they keep their
     * order, and a task failing its first checks while it starts is not worth sending them to).
     */
    boolean mustHold() {
        return holdNanos > 0 && healthy.length == 0 && (held > 0 || live.length == untested.length);
    }

    /** Queues {@code waiter} for the first healthy target, unless the group can route now or is full. */
    synchronized Hold hold(FrontendHandler waiter) {
        if (!mustHold()) {
            return Hold.ROUTE;
        }
        if (waiting.size() >= config.maxHeldRequests()) {
            return Hold.FULL;
        }
        waiting.add(waiter);
        held = waiting.size();
        return Hold.HELD;
    }

    /** The waiter's request is gone (timed out, client closed). */
    synchronized void unhold(FrontendHandler waiter) {
        if (waiting.remove(waiter)) {
            held = waiting.size();
        }
    }

    @Override
    public int heldRequests() {
        return held;
    }

    /** Under the lock: once a target is healthy, every waiting request goes to its own event loop to be routed. */
    private void releaseHeld() {
        if (waiting.isEmpty() || healthy.length == 0) {
            return;
        }
        List<FrontendHandler> ready = new ArrayList<>(waiting);
        waiting.clear();
        held = 0;
        log.info("Releasing {} held requests in {}: a target is healthy", ready.size(), name());
        ready.forEach(FrontendHandler::wake);
    }

    /** Why {@link #pick} found nothing. */
    synchronized BalancerError noTargetError() {
        return targets.isEmpty() ? BalancerError.NO_TARGET : BalancerError.NO_HEALTHY_TARGET;
    }

    void close() {
        List<ScheduledFuture<?>> checks;
        synchronized (this) {
            checks = new ArrayList<>(healthChecks.values());
            healthChecks.clear();
        }
        checks.forEach(c -> c.cancel(false));
    }
}
