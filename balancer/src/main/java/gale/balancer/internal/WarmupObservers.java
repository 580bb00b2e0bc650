package gale.balancer.internal;

import gale.balancer.BalancerObserver;

/**
 * The warm-up's observers: three that do nothing, each of its own class, taken in turn. The JIT compiles a call for the
 * receivers it has seen; had the warm-up used one no-op observer, the request path would be compiled around that
 * one, and the first real request, answered by the stack's own observer, would throw that code away and have it
 * compiled again while requests wait. Seeing three classes, the JIT compiles the calls for any observer.
 */
final class WarmupObservers {
    private static final BalancerObserver[] OBSERVERS = {new First(), new Second(), new Third()};

    private WarmupObservers() {}

    static BalancerObserver forConnection(int n) {
        return OBSERVERS[n % OBSERVERS.length];
    }

    private static final class First implements BalancerObserver {}

    private static final class Second implements BalancerObserver {}

    private static final class Third implements BalancerObserver {}
}
