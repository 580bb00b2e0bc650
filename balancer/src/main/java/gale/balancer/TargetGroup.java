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
     * Moves the target to {@link TargetState#DRAINING}: it gets no new request; the future completes once its in-flight
     * requests have finished (or the deregistration delay ran out) and its idle connections are closed, and the target
     * is gone. Completes at once for an unknown id.
     */
    CompletableFuture<Void> deregister(String targetId);

    List<TargetSnapshot> targets();

    /** Requests waiting now for the group's first healthy target (see {@link TargetGroupConfig#holdWhenEmpty}). */
    int heldRequests();
}
