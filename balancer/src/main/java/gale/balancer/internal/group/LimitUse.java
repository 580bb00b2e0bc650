package gale.balancer.internal.group;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A target's requests in flight against its {@code maxConnections}, so that a limit shows before it bites: the use
 * is high once it passes 80%, and is not told again until it has fallen to half (a target at its limit dips below
 * 80% with every response: that is not a new crossing).
 */
final class LimitUse {
    private final int high;
    private final int low;
    private final AtomicBoolean above = new AtomicBoolean();

    /** @param max the limit; 0: none, never high */
    LimitUse(int max) {
        this.high = max > 0 ? (4 * max + 4) / 5 : Integer.MAX_VALUE;
        this.low = max > 0 ? (max - 1) / 2 : -1;
    }

    /** A request started, {@code inFlight} now: true once per crossing of 80%. */
    boolean started(int inFlight) {
        return inFlight >= high && above.compareAndSet(false, true);
    }

    /** A request ended, {@code inFlight} now. */
    void finished(int inFlight) {
        if (inFlight <= low && above.get()) {
            above.set(false);
        }
    }
}
