package gale.balancer.internal.warmup;

import gale.balancer.BalancerObserver;
import java.util.function.Supplier;

/**
 * Which observer sees each of the warm-up's connections. The JIT compiles the balancer's calls to its observer for the
 * classes it has seen there: had the warm-up used one no-op observer, the request path would be compiled around that
 * one, and the first real request, answered by the stack's own observer, would throw that code away and have it
 * compiled again while requests wait. So the warm-up is given twins of the observer the balancer will have: the same
 * classes over state that is thrown away, so the calls are compiled for exactly those and the observer's own code with
 * them. A new twin takes over at each of the warm-up's runs ({@link WarmupClients#ROUND_CONNECTIONS} connections), so
 * that what an observer does the first time (a listener's label, a route's counters) is in the profiles too: real
 * traffic does it first for its own routes after the warm-up. Without twins, three no-op observers of their own
 * classes take turns, and the calls are compiled for any observer.
 */
public interface WarmupObservers {

    BalancerObserver forConnection(int n);

    static WarmupObservers noOps() {
        return NoOps.INSTANCE;
    }

    static WarmupObservers twins(Supplier<BalancerObserver> twins) {
        return new Twins(twins);
    }

    final class Twins implements WarmupObservers {
        private final Supplier<BalancerObserver> twins;
        private int run = -1;
        private BalancerObserver twin;

        private Twins(Supplier<BalancerObserver> twins) {
            this.twins = twins;
        }

        /** Connections are opened from several IO threads. */
        @Override
        public synchronized BalancerObserver forConnection(int n) {
            int runOfConnection = n / WarmupClients.ROUND_CONNECTIONS;
            if (runOfConnection != run) {
                run = runOfConnection;
                twin = twins.get();
            }
            return twin;
        }
    }

    enum NoOps implements WarmupObservers {
        INSTANCE;

        private static final BalancerObserver[] OBSERVERS = {new First(), new Second(), new Third()};

        @Override
        public BalancerObserver forConnection(int n) {
            return OBSERVERS[n % OBSERVERS.length];
        }

        private static final class First implements BalancerObserver {}

        private static final class Second implements BalancerObserver {}

        private static final class Third implements BalancerObserver {}
    }
}
