package gale.balancer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running target group: targets come and go while requests flow. Thread-safe. */
public interface TargetGroup {
    String name();

    /**
     * Adds a target in state {@link TargetState#INITIAL}; health checks start at once and it receives requests once
     * healthy (or while no target of the group is healthy: fail-open).
     *
     * @throws IllegalStateException if {@code targetId} is already registered
     */
    void register(String targetId, InetSocketAddress address);

    /**
     * As {@link #register(String, InetSocketAddress)}, in a pool: {@link #setPoolWeights} shares the traffic between
     * pools (the revisions of a service during a deployment) whatever their number of targets.
     */
    default void register(String targetId, InetSocketAddress address, String pool) {
        throw new UnsupportedOperationException(
                "pools: not supported by " + getClass().getSimpleName());
    }

    /**
     * Shares the requests between pools: each request goes to a pool with the probability of its weight among the pools
     * that have a healthy target, then to one of that pool's targets by the group's algorithm (and slow start). Pools
     * left out get no request while a weighted pool has a healthy target. An empty map ends the weighting: every
     * healthy target an equal share. A request is never refused for its weights: when no weighted pool has a healthy
     * target, it goes to any healthy target.
     *
     * @param weights relative weights, each 0 or more, by pool
     */
    default void setPoolWeights(java.util.Map<String, Integer> weights) {
        throw new UnsupportedOperationException(
                "pool weights: not supported by " + getClass().getSimpleName());
    }

    /**
     * Moves the target to {@link TargetState#DRAINING}: it gets no new request; the future completes once its in-flight
     * requests have finished (or the deregistration delay ran out) and its idle connections are closed, and the target
     * is gone. Completes at once for an unknown id.
     */
    CompletableFuture<Void> deregister(String targetId);

    List<TargetSnapshot> targets();

    /** Requests waiting now for the group's first healthy target (see {@link TargetGroupConfig#holdWhenEmpty}). */
    int heldRequests();
}
