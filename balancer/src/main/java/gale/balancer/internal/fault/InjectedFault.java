package gale.balancer.internal.fault;

import gale.balancer.TrafficFault;
import gale.balancer.TrafficFaultHandle;
import gale.balancer.TrafficFaultKind;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;

/**
 * One traffic fault in place: which requests it may act on, how often, and what it still holds (blackholed
 * connections, closed when it ends). Thread-safe; read on the IO threads, ended from any thread.
 */
public final class InjectedFault implements TrafficFaultHandle {
    private final TrafficFault fault;
    private final TrafficFaults owner;
    /** The chance that a request of its scope is affected: toxicity, times the error rate for {@code http-error}. */
    private final double chance;
    /** Connections kept open and unanswered by {@code net-blackhole}. */
    private final Set<Channel> held = ConcurrentHashMap.newKeySet();

    private volatile boolean ended;
    private volatile ScheduledFuture<?> expiry;

    InjectedFault(TrafficFault fault, TrafficFaults owner) {
        this.fault = fault;
        this.owner = owner;
        this.chance =
                fault.kind() == TrafficFaultKind.HTTP_ERROR ? fault.toxicity() * fault.errorRate() : fault.toxicity();
    }

    @Override
    public TrafficFault fault() {
        return fault;
    }

    public TrafficFaultKind kind() {
        return fault.kind();
    }

    @Override
    public boolean active() {
        return !ended;
    }

    /** Whether the request of {@code targetGroup} sent to {@code target} is in its scope and drawn this time. */
    boolean draws(String targetGroup, InetSocketAddress target, RandomGenerator random) {
        if (!fault.targetGroup().equals(targetGroup)) {
            return false;
        }
        InetSocketAddress only = fault.target();
        if (only != null && !(only.getPort() == target.getPort() && sameHost(only, target))) {
            return false;
        }
        return chance >= 1 || random.nextDouble() < chance;
    }

    private static boolean sameHost(InetSocketAddress a, InetSocketAddress b) {
        if (a.getAddress() != null && b.getAddress() != null) {
            return a.getAddress().equals(b.getAddress());
        }
        return a.getHostString().equalsIgnoreCase(b.getHostString());
    }

    /** {@code http-latency}'s delay for one request: {@code delay ± jitter}, never below zero. */
    long delayNanos(RandomGenerator random) {
        long delay = fault.delay().toNanos();
        long jitter = fault.jitter().toNanos();
        if (jitter > 0) {
            delay += random.nextLong(-jitter, jitter + 1);
        }
        return Math.max(0, delay);
    }

    /** Keeps {@code connection} open, unanswered, until the client or the end of this fault closes it. */
    public void hold(Channel connection) {
        held.add(connection);
        connection.closeFuture().addListener(f -> held.remove(connection));
        if (ended) {
            connection.close();
        }
    }

    void expireAt(ScheduledFuture<?> expiry) {
        this.expiry = expiry;
    }

    @Override
    public void revert() {
        if (ended) {
            return;
        }
        ended = true;
        owner.remove(this);
        ScheduledFuture<?> e = expiry;
        if (e != null) {
            e.cancel(false);
        }
        held.forEach(Channel::close);
    }
}
