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
import java.util.concurrent.ScheduledFuture;
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
        synchronized (this) {
            target.publishState();
            if (targets.get(target.id) == target) {
                rebuild();
            }
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
        for (Target t : targets.values()) {
            TargetState s = t.state();
            if (s == TargetState.DRAINING) {
                continue;
            }
            all.add(t);
            if (s == TargetState.HEALTHY) {
                up.add(t);
            } else if (s == TargetState.INITIAL) {
                fresh.add(t);
            }
        }
        healthy = up.toArray(NONE);
        untested = fresh.toArray(NONE);
        live = all.toArray(NONE);
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
