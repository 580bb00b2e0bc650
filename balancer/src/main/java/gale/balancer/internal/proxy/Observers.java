package gale.balancer.internal.proxy;

import gale.balancer.BalancerObserver;
import java.util.Objects;

/**
 * The balancer's observer, and who hears about requests: that observer, or the JIT warm-up's own while it runs
 * before the listeners accept, so that its traffic is never counted.
 */
public final class Observers {
    private volatile BalancerObserver observer = BalancerObserver.NOOP;
    /** Read for every request event. */
    private volatile BalancerObserver requests = BalancerObserver.NOOP;

    private final Object lock = new Object();
    private boolean warmingUp;

    public BalancerObserver observer() {
        return observer;
    }

    BalancerObserver requests() {
        return requests;
    }

    public void set(BalancerObserver observer) {
        Objects.requireNonNull(observer, "observer");
        synchronized (lock) {
            this.observer = observer;
            if (!warmingUp) {
                requests = observer;
            }
        }
    }

    /** Requests go to {@code warmupObserver} from now on; everything else still to the observer set. */
    public void observeWarmupRequests(BalancerObserver warmupObserver) {
        synchronized (lock) {
            warmingUp = true;
            requests = warmupObserver;
        }
    }

    public void endWarmup() {
        synchronized (lock) {
            warmingUp = false;
            requests = observer;
        }
    }
}
