package gale.balancer;

import gale.balancer.internal.BalancerRuntime;
import java.util.function.Supplier;

/**
 * The load balancer: listeners, rules and target groups on a Netty data path. {@link #start} binds every listener
 * and accepts; {@link #close} stops listening and closes every connection.
 */
public final class Balancer implements AutoCloseable {
    private final BalancerRuntime runtime;

    private Balancer(BalancerRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Binds every listener and starts health checks, runs the JIT warm-up (observed by no-op observers of several
     * classes), then accepts; fails if a port can't be bound. {@link #create} and {@link #open} do it in two steps.
     */
    public static Balancer start(BalancerConfig config) {
        return new Balancer(BalancerRuntime.start(config));
    }

    /**
     * Starts the event loops and target groups (static targets are health-checked from now on) and binds every
     * listener, but accepts on none: set the observer and target listeners, then {@link #open(Supplier)}, so that they
     * see everything from the first client on. Fails if a port can't be bound.
     */
    public static Balancer create(BalancerConfig config) {
        return new Balancer(BalancerRuntime.create(config));
    }

    /**
     * Runs the JIT warm-up ({@link BalancerConfig#warmup()}), then accepts on every listener; clients that connect
     * before wait in the listen backlog. {@code warmupTwins} makes the observers of the warm-up's traffic, a new one
     * for each of its runs of a few hundred connections: give observers of the same classes as the one {@linkplain
     * #setObserver set}, over state that is then thrown away. The JIT then compiles the balancer's calls to the
     * observer, and the observer's own code, for those classes before the first client comes, instead of compiling
     * them again while the first requests wait.
     *
     * @throws IllegalStateException when it is open already
     */
    public void open(Supplier<BalancerObserver> warmupTwins) {
        runtime.open(warmupTwins);
    }

    /**
     * Puts a traffic fault in place on the group's requests (or one target's) until its duration ends or it is reverted;
     * the balancer's closing ends it too. Faults live in this process only: nothing is left behind when it dies.
     *
     * @throws IllegalArgumentException for an unknown target group
     */
    public TrafficFaultHandle injectFault(TrafficFault fault) {
        return runtime.injectFault(java.util.Objects.requireNonNull(fault, "fault"));
    }

    /** Ends every traffic fault in place. */
    public void clearFaults() {
        runtime.clearFaults();
    }

    /** The port listener {@code listenerIndex} is bound to (useful when it was configured with 0). */
    public int port(int listenerIndex) {
        return runtime.port(listenerIndex);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public TargetGroup targetGroup(String name) {
        return runtime.targetGroup(name);
    }

    public void addTargetListener(TargetListener listener) {
        runtime.addTargetListener(listener);
    }

    /** Replaces the observer (default: none); takes effect for the next events. */
    public void setObserver(BalancerObserver observer) {
        runtime.setObserver(observer);
    }

    /** True when the native epoll transport is in use (NIO otherwise). */
    public boolean usesEpoll() {
        return runtime.usesEpoll();
    }

    /** Stops the balancer: its listeners, faults, health checks and event loops. Closing it again does nothing. */
    @Override
    public void close() {
        runtime.close();
    }
}
