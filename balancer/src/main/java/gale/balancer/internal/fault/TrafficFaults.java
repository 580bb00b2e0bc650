package gale.balancer.internal.fault;

import gale.balancer.TrafficFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The balancer's traffic faults in place. The request path reads {@link #active} once per request, a volatile field
 * that stays null while no fault is in place: that read is all that faults cost the requests then.
 */
public final class TrafficFaults {
    private final ScheduledExecutorService timer;
    private final List<InjectedFault> faults = new ArrayList<>();
    private volatile ActiveFaults active;

    /** @param timer ends each fault at the end of its duration */
    public TrafficFaults(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The faults in place, or null when there is none. */
    public ActiveFaults active() {
        return active;
    }

    public InjectedFault add(TrafficFault fault) {
        InjectedFault injected = new InjectedFault(fault, this);
        // Its end is scheduled before it is in place: a balancer that is closing refuses it here, with nothing to undo.
        injected.expireAt(timer.schedule(injected::revert, fault.duration().toNanos(), TimeUnit.NANOSECONDS));
        synchronized (this) {
            if (injected.active()) { // a duration shorter than this call: it has ended already
                faults.add(injected);
                publish();
            }
        }
        return injected;
    }

    /** Ends every fault: the stack stops, or the balancer closes. */
    public void clear() {
        List<InjectedFault> all;
        synchronized (this) {
            all = List.copyOf(faults);
        }
        all.forEach(InjectedFault::revert);
    }

    synchronized void remove(InjectedFault fault) {
        if (faults.remove(fault)) {
            publish();
        }
    }

    private void publish() {
        active = faults.isEmpty() ? null : new ActiveFaults(faults.toArray(new InjectedFault[0]));
    }
}
