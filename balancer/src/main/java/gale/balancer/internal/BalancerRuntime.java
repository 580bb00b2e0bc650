package gale.balancer.internal;

import gale.balancer.BalancerConfig;
import gale.balancer.BalancerObserver;
import gale.balancer.TargetGroup;
import gale.balancer.TargetListener;

/** The running balancer behind {@link gale.balancer.Balancer}. */
public final class BalancerRuntime implements AutoCloseable {
    private BalancerRuntime() {}

    public static BalancerRuntime start(BalancerConfig config) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public int port(int listenerIndex) {
        throw new UnsupportedOperationException();
    }

    public TargetGroup targetGroup(String name) {
        throw new UnsupportedOperationException();
    }

    public void addTargetListener(TargetListener listener) {}

    public void setObserver(BalancerObserver observer) {}

    public boolean usesEpoll() {
        return false;
    }

    @Override
    public void close() {}
}
