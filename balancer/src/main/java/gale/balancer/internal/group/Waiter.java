package gale.balancer.internal.group;

/** A request held while its group has no healthy target (scale to zero). */
public interface Waiter {
    /** A target is healthy: route the request. Called once, on any thread, under the group's lock. */
    void wake();
}
