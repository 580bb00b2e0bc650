package gale.balancer;

/** A traffic fault in place; it ends by itself at the end of its duration, or here. */
public interface TrafficFaultHandle {
    TrafficFault fault();

    /** Ends the fault now: the next requests are clean. Idempotent. */
    void revert();

    /** False once reverted, by its duration, by {@link #revert} or by the balancer's closing. */
    boolean active();
}
