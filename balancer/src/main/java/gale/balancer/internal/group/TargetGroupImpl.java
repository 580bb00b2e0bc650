package gale.balancer.internal.group;

import gale.balancer.BalancerError;
import gale.balancer.ConnectionLimit;
import gale.balancer.TargetGroup;
import gale.balancer.TargetGroupConfig;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.balancer.internal.loop.LoopResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target group: registration, draining and fail-open, and the choice of a target per request. The request path
 * reads one immutable {@link Candidates}, rebuilt under the group's lock on each change; the algorithm is
 * {@link Selection}'s, slow start {@link SlowStarts}', requests that wait for a first target are in a
 * {@link HoldQueue}, and those that wait for a target with room (maxConnections) in a {@link ConnectionQueue}.
 */
public final class TargetGroupImpl implements TargetGroup {
    private static final Logger log = LoggerFactory.getLogger(TargetGroupImpl.class);

    private final TargetGroupConfig config;
    private final GroupResources resources;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<Target, ScheduledFuture<?>> healthChecks = new LinkedHashMap<>();
    private final Selection selection;
    private final SlowStarts slowStarts;
    private volatile Candidates candidates = Candidates.EMPTY;
    /** Relative weight by pool, under the lock; empty: every healthy target an equal share. */
    private Map<String, Integer> poolWeights = Map.of();

    private boolean failOpen;
    /** Zero when the group never holds: the request path then reads nothing more. */
    public final long holdNanos;

    private final HoldQueue held;
    private final ConnectionQueue queue;

    public TargetGroupImpl(TargetGroupConfig config, GroupResources resources) {
        this.config = config;
        this.resources = resources;
        this.selection =
                new Selection(config.algorithm(), config.connectionLimit().maxConnections());
        this.slowStarts = new SlowStarts(this, config.slowStart(), resources.loops()[0].loop);
        this.holdNanos = config.holdWhenEmpty().toNanos();
        this.held = new HoldQueue(config.maxHeldRequests());
        this.queue = new ConnectionQueue(config.connectionLimit());
    }

    /** What {@link #hold} did with a request. */
    public enum Hold {
        HELD,
        /** Every target is at its maxConnections: queued for one with room. */
        QUEUED,
        /** Too many held or queued already. */
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
    public void register(String targetId, InetSocketAddress address, String pool) {
        java.util.Objects.requireNonNull(pool, "pool");
        Target target;
        synchronized (this) {
            if (targets.containsKey(targetId)) {
                throw new IllegalStateException(
                        "targetId: '" + targetId + "' (expected: not registered in " + name() + ")");
            }
            target = new Target(targetId, address, pool, this, resources.loops().length, resources.poolIdleNanos());
            targets.put(targetId, target);
            rebuild();
        }
        resources.events().registered(name(), target.snapshot());
        ScheduledFuture<?> check = resources.healthChecker().start(target, config.healthCheck());
        synchronized (this) {
            healthChecks.put(target, check);
        }
    }

    @Override
    public void setPoolWeights(Map<String, Integer> weights) {
        Map<String, Integer> checked = WeightedPools.check(weights);
        synchronized (this) {
            poolWeights = checked;
            rebuild();
        }
        log.info("Pool weights of {}: {}", name(), checked.isEmpty() ? "none, every healthy target alike" : checked);
    }

    @Override
    public synchronized Map<String, Integer> poolWeights() {
        return poolWeights;
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
                .thenCompose(v -> closeIdleConnections(List.of(target)))
                .whenComplete((v, e) -> {
                    remove(target);
                    removed.complete(null);
                });
        return removed;
    }

    /** Closes the idle pooled connections to {@code closing}, each on the loop that owns it. */
    public CompletableFuture<Void> closeIdleConnections(List<Target> closing) {
        LoopResources[] loops = resources.loops();
        CompletableFuture<?>[] closed = new CompletableFuture<?>[loops.length];
        for (LoopResources loop : loops) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            closed[loop.index] = done;
            try {
                loop.loop.execute(() -> {
                    closing.forEach(t -> t.pools[loop.index].closeAll());
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

    public synchronized List<Target> targetList() {
        return new ArrayList<>(targets.values());
    }

    /** Called by a target after its health state changed. */
    void stateChanged(Target target, TargetState previous) {
        SlowStart ramp;
        synchronized (this) {
            target.publishState();
            ramp = target.state() == TargetState.HEALTHY && previous != TargetState.HEALTHY
                    ? slowStarts.begin(target, candidates.healthy())
                    : null;
            if (target.state() != TargetState.HEALTHY) {
                target.slowStart(null);
            }
            if (targets.get(target.id) == target) {
                rebuild();
            }
        }
        if (ramp != null) {
            slowStarts.scheduleEnd(target, ramp);
        }
        resources.events().stateChanged(name(), target.snapshot(), previous);
    }

    /** Called by {@link SlowStarts} once a target's ramp is over. */
    synchronized void slowStartEnded() {
        rebuild();
    }

    /** Under the lock: recompute the request path's view, wake held requests, and announce fail-open changes. */
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
        candidates = Candidates.of(up, fresh, all, anyRamping, WeightedPools.of(up, poolWeights));
        if (!up.isEmpty() && !held.isEmpty()) {
            List<Waiter> ready = held.takeAll();
            log.info("Releasing {} held requests in {}: a target is healthy", ready.size(), name());
            ready.forEach(Waiter::wake);
        }
        queue.wakeForRoom(candidates);
        // Fail-open is when the checks have judged every target bad; before any verdict (startup) traffic goes to
        // the untested targets, which is not worth a warning.
        boolean nowFailOpen = up.isEmpty() && fresh.size() < all.size();
        if (nowFailOpen != failOpen) {
            failOpen = nowFailOpen;
            if (nowFailOpen) {
                resources.events().failOpenEntered(name(), all.size());
            } else {
                resources.events().failOpenLeft(name(), up.size(), all.size());
            }
        }
    }

    /**
     * The target for the next request (see {@link Selection#pick}); targets in {@code tried} (the first
     * {@code triedCount}) are avoided; null when nothing is left.
     */
    public Target pick(Target[] tried, int triedCount) {
        if (triedCount == 0 && queue.busy()) {
            return null; // a new request queues behind those that wait
        }
        return selection.pick(candidates, tried, triedCount);
    }

    /** {@link #pick} for a request that waited: one woken for a freed slot takes it ahead of new requests. */
    public synchronized Target pickReleased(Waiter waiter, Target[] tried) {
        return queue.claim(waiter) ? selection.pick(candidates, tried, 0) : pick(tried, 0);
    }

    /** Whether a request {@link #pick} found no target for must wait: for a first target, or for one with room. */
    public boolean mustWait() {
        return mustHold() || queue.mustQueue(candidates);
    }

    /** Whether a request must wait rather than be routed: the group holds and has no target to route to yet. */
    public boolean mustHold() {
        return holdNanos > 0 && held.mustHold(candidates);
    }

    /**
     * Queues {@code waiter} for the first healthy target, or for a target with room when all are at their
     * maxConnections, unless the group can route now or is full.
     */
    public Hold hold(Waiter waiter) {
        Hold hold;
        boolean high;
        synchronized (this) {
            if (mustHold()) {
                queue.remove(waiter, candidates); // a slot it was woken for goes to the next waiter
                return held.add(waiter, System.nanoTime()) ? Hold.HELD : Hold.FULL;
            }
            hold = queue.enqueue(waiter, candidates, System.nanoTime());
            high = hold == Hold.QUEUED && queue.crossedHigh();
        }
        if (high) {
            resources
                    .events()
                    .limitUseHigh(
                            name(),
                            null,
                            "maxQueued",
                            queue.queued(),
                            config.connectionLimit().maxQueued());
        }
        return hold;
    }

    /** How long {@code waiter}, just held or queued, may wait. */
    public synchronized long waitNanos(Waiter waiter) {
        return queue.contains(waiter) ? config.connectionLimit().queueTimeout().toNanos() : holdNanos;
    }

    /** The waiter's request is gone (client closed). */
    public synchronized void unhold(Waiter waiter) {
        held.remove(waiter);
        queue.remove(waiter, candidates);
    }

    /** The waiter's wait ended: it leaves the queue it was in, and gets this answer. */
    public synchronized BalancerError timedOut(Waiter waiter) {
        BalancerError queued = queue.timedOut(waiter, candidates);
        if (queued != null) {
            return queued;
        }
        held.remove(waiter);
        return BalancerError.NO_TARGET_HOLD_TIMEOUT;
    }

    /** The answer to a request {@link #hold} found no room for. */
    public BalancerError fullError() {
        return queue.limited() && !mustHold() ? BalancerError.QUEUE_FULL : BalancerError.NO_TARGET;
    }

    /** A request to a target ended: a queued request may take its slot. Called for every request: cheap when none waits. */
    void slotFreed() {
        if (queue.waiting()) {
            synchronized (this) {
                queue.wakeForRoom(candidates);
            }
        }
    }

    /** A target's requests in flight passed 80% of its maxConnections. */
    void limitUseHigh(Target target, int inFlight) {
        resources
                .events()
                .limitUseHigh(
                        name(),
                        target.id,
                        "maxConnections",
                        inFlight,
                        config.connectionLimit().maxConnections());
    }

    @Override
    public int queuedRequests() {
        return queue.queued();
    }

    @Override
    public synchronized Duration oldestQueuedWait() {
        return Duration.ofNanos(queue.oldestWaitNanos(System.nanoTime()));
    }

    @Override
    public ConnectionLimit connectionLimit() {
        return config.connectionLimit();
    }

    @Override
    public int heldRequests() {
        return held.held();
    }

    /** Why {@link #pick} found nothing. */
    public synchronized BalancerError noTargetError() {
        return targets.isEmpty() ? BalancerError.NO_TARGET : BalancerError.NO_HEALTHY_TARGET;
    }

    public void close() {
        List<ScheduledFuture<?>> checks;
        synchronized (this) {
            checks = new ArrayList<>(healthChecks.values());
            healthChecks.clear();
        }
        checks.forEach(c -> c.cancel(false));
    }
}
