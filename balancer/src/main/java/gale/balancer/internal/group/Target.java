package gale.balancer.internal.group;

import gale.balancer.TargetReason;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.balancer.internal.health.CheckedTarget;
import gale.balancer.internal.health.HealthStatus;
import gale.balancer.internal.pool.IdleLimit;
import gale.balancer.internal.pool.TargetPool;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One registered target: its health, its in-flight count, and one connection pool per event loop. */
public final class Target implements CheckedTarget {
    /**
     * The user event each connection to a target gets when a health check timed out and made it UNHEALTHY: a request
     * still waiting there for its response's first byte may be sent to another target (a hung task answers nothing).
     */
    public static final Object STOPPED_ANSWERING = new Object();

    public final String id;
    public final InetSocketAddress address;
    /** The weight group it belongs to ({@link gale.balancer.TargetGroup#setPoolWeights}). */
    final String pool;

    final TargetGroupImpl group;
    /** One per event loop, by {@link gale.balancer.internal.loop.LoopResources#index}. */
    public final TargetPool[] pools;

    final AtomicInteger inFlight = new AtomicInteger();
    private final LimitUse use;
    /** Completes when a draining target has no request in flight. */
    final CompletableFuture<Void> idle = new CompletableFuture<>();
    /** Set once, under the group's lock, by the first deregistration. */
    CompletableFuture<Void> removal;

    /**
     * Open connections to this target, on every loop; only their opening and closing touch this set. When the target
     * stops answering, the requests waiting on them are told ({@link #STOPPED_ANSWERING}) and go elsewhere.
     */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

    private final HealthStatus health;
    private final IdleLimit idleLimit;

    private volatile TargetState state = TargetState.INITIAL;
    /** Wall time of the last finished active check, 0 before the first: only shown (status, dashboard). */
    private volatile long lastCheckMillis;
    /** Set and cleared by the group under its lock; null when the target takes a full share. */
    private volatile SlowStart slowStart;

    Target(String id, InetSocketAddress address, String pool, TargetGroupImpl group, int loops, long poolIdleNanos) {
        this.id = id;
        this.address = address;
        this.pool = pool;
        this.group = group;
        this.health = new HealthStatus(
                group.config().healthCheck().healthyThreshold(),
                group.config().healthCheck().unhealthyThreshold());
        this.idleLimit = new IdleLimit(poolIdleNanos);
        this.use = new LimitUse(group.config().connectionLimit().maxConnections());
        this.pools = new TargetPool[loops];
        for (int i = 0; i < loops; i++) {
            pools[i] = new TargetPool(idleLimit);
        }
    }

    TargetState state() {
        return state;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    public boolean draining() {
        return state == TargetState.DRAINING;
    }

    /** The target's {@code Keep-Alive: timeout=N}: its pooled connections are kept below it. */
    public void keepAliveHint(long seconds) {
        idleLimit.keepAliveHint(seconds);
    }

    public void requestStarted() {
        int n = inFlight.incrementAndGet();
        if (use.started(n)) {
            group.limitUseHigh(this, n);
        }
    }

    public void requestFinished() {
        int n = inFlight.decrementAndGet();
        if (n == 0 && state == TargetState.DRAINING) {
            idle.complete(null);
        }
        use.finished(n);
        group.slotFreed();
    }

    @Override
    public void onCheckSuccess() {
        lastCheckMillis = System.currentTimeMillis();
        TargetState previous;
        synchronized (this) {
            previous = health.state();
            if (!health.onSuccess()) {
                return;
            }
        }
        group.stateChanged(this, previous);
    }

    @Override
    public void onCheckFailure(TargetReason reason, String detail) {
        lastCheckMillis = System.currentTimeMillis();
        TargetState previous;
        synchronized (this) {
            previous = health.state();
            if (!health.onFailure(reason, detail)) {
                return;
            }
        }
        group.stateChanged(this, previous);
        if (reason == TargetReason.TIMEOUT && state == TargetState.UNHEALTHY) {
            // Out of rotation first, so that the requests sent away from it can't come back to it.
            connections.forEach(channel -> channel.pipeline().fireUserEventTriggered(STOPPED_ANSWERING));
        }
    }

    /** A new connection to this target, remembered until it closes. */
    public void connected(Channel channel) {
        connections.add(channel);
        channel.closeFuture().addListener(closed -> connections.remove(channel));
    }

    /** Passive detection: a refused connection or a reset marks the target down at once. */
    public void markDown(TargetReason reason, String detail) {
        if (state != TargetState.HEALTHY && state != TargetState.INITIAL) {
            return;
        }
        TargetState previous;
        synchronized (this) {
            previous = health.state();
            if (!health.markDown(reason, detail)) {
                return;
            }
        }
        group.stateChanged(this, previous);
    }

    /** @return false if it was already draining */
    boolean drain() {
        TargetState previous;
        synchronized (this) {
            previous = health.state();
            if (!health.drain()) {
                return false;
            }
        }
        group.stateChanged(this, previous);
        if (inFlight.get() == 0) {
            idle.complete(null);
        }
        return true;
    }

    SlowStart slowStart() {
        return slowStart;
    }

    void slowStart(SlowStart ramp) {
        slowStart = ramp;
    }

    /** The fraction of a full share of requests this target takes now: below 1 only in slow start. */
    double weight(long nowNanos) {
        SlowStart ramp = slowStart;
        return ramp == null ? 1 : ramp.weight(nowNanos);
    }

    /** Called by the group under its lock after a transition, so that readers see the new state. */
    synchronized void publishState() {
        state = health.state();
    }

    synchronized TargetSnapshot snapshot() {
        SlowStart ramp = slowStart;
        Duration slowStartLeft = ramp == null ? Duration.ZERO : ramp.left(System.nanoTime());
        long checked = lastCheckMillis;
        return new TargetSnapshot(
                id,
                address,
                health.state(),
                health.reason().code(),
                health.detail(),
                inFlight.get(),
                slowStartLeft,
                checked == 0 ? null : Instant.ofEpochMilli(checked));
    }

    @Override
    public String toString() {
        return group.name() + "/" + id;
    }
}
