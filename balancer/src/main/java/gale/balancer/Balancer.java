package gale.balancer;

import gale.balancer.internal.BalancerRuntime;

/**
 * The load balancer: listeners, rules and target groups on a Netty data path. {@link #start} binds every listener;
 * {@link #close} stops listening and closes every connection.
 */
public final class Balancer implements AutoCloseable {
    private final BalancerRuntime runtime;

    private Balancer(BalancerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Binds every listener and starts health checks; fails if a port can't be bound. */
    public static Balancer start(BalancerConfig config) {
        return new Balancer(BalancerRuntime.start(config));
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

    @Override
    public void close() {
        runtime.close();
    }
}
