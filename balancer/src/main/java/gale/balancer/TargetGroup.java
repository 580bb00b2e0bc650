package gale.balancer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A running target group: targets come and go while requests flow. Thread-safe. */
public interface TargetGroup {
    /** The pool of targets registered without one (static targets among them). */
    String DEFAULT_POOL = "";

    String name();

    /**
     * Adds a target in state {@link TargetState#INITIAL}; health checks start at once and it receives requests once
     * healthy (or while no target of the group is healthy: fail-open).
     *
     * @throws IllegalStateException if {@code targetId} is already registered
     */
    default void register(String targetId, InetSocketAddress address) {
        register(targetId, address, DEFAULT_POOL);
    }

    /**
     * As {@link #register(String, InetSocketAddress)}, in a pool: {@link #setPoolWeights} shares the traffic between
     * pools (the revisions of a service during a deployment) whatever their numbers of targets.
     */
    void register(String targetId, InetSocketAddress address, String pool);

    /**
     * Shares the requests between pools: each request draws a pool with the probability of its weight, then the
     * group's algorithm (and slow start) picks one of that pool's healthy targets. A pool of weight 0, or not named,
     * gets no request. A pool with no healthy target gets none either and its weight goes to the other weighted pools
     * in proportion to theirs; when no weighted pool has a healthy target, every healthy target takes an equal share:
     * weights move traffic, they never refuse a request. Fail-open (no healthy target at all) ignores weights. An
     * empty map ends the weighting.
     *
     * @param weights relative weights, each 0 or more and not all 0, by pool
     * @throws IllegalArgumentException for a negative weight, or weights that are all 0
     */
    void setPoolWeights(Map<String, Integer> weights);

    /** The weights {@link #setPoolWeights} set; empty when traffic is not weighted by pool. */
    Map<String, Integer> poolWeights();

    /**
     * Moves the target to {@link TargetState#DRAINING}: it gets no new request; the future completes once its in-flight
     * requests have finished (or the deregistration delay ran out) and its idle connections are closed, and the target
     * is gone. Completes at once for an unknown id.
     */
    CompletableFuture<Void> deregister(String targetId);

    List<TargetSnapshot> targets();

    /** Requests waiting now for the group's first healthy target (see {@link TargetGroupConfig#holdWhenEmpty}). */
    int heldRequests();

    /** Requests waiting now for a target with room (see {@link ConnectionLimit}). */
    default int queuedRequests() {
        return 0;
    }

    /** How long the oldest queued request has waited so far; zero when none waits. */
    default Duration oldestQueuedWait() {
        return Duration.ZERO;
    }

    /** The group's limit of requests in flight per target, and its queue's settings. */
    default ConnectionLimit connectionLimit() {
        return ConnectionLimit.UNLIMITED;
    }
}
