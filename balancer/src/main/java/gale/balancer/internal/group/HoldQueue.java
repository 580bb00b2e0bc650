package gale.balancer.internal.group;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests that wait in a group, oldest first, with the time each came: for the group's first healthy target (scale
 * to zero, {@link #mustHold}), or for a target with room ({@link ConnectionQueue}). Guarded by the group's lock.
 */
final class HoldQueue {
    private final int max;
    private final Map<Waiter, Long> waiting = new LinkedHashMap<>();
    /** Read without the lock by the request path, by {@link gale.balancer.TargetGroup#heldRequests} and metrics. */
    private volatile int held;

    HoldQueue(int max) {
        this.max = max;
    }

    /**
     * Whether a request must wait rather than be routed: no healthy target, and none of the targets has been judged
     * (none at all, or only targets in their first checks), or requests wait already (they keep their order, and a task
     * failing its first checks while it starts is not worth sending them to).
     */
    boolean mustHold(Candidates c) {
        return c.healthy().length == 0 && (held > 0 || c.live().length == c.untested().length);
    }

    /** @return false when the queue is full */
    boolean add(Waiter waiter, long nowNanos) {
        if (waiting.size() >= max) {
            return false;
        }
        waiting.putIfAbsent(waiter, nowNanos);
        held = waiting.size();
        return true;
    }

    /** @return false if the waiter was not in the queue */
    boolean remove(Waiter waiter) {
        if (waiting.remove(waiter) == null) {
            return false;
        }
        held = waiting.size();
        return true;
    }

    boolean contains(Waiter waiter) {
        return waiting.containsKey(waiter);
    }

    /** Takes the oldest waiter out; null when none waits. */
    Waiter poll() {
        Iterator<Waiter> oldest = waiting.keySet().iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        Waiter w = oldest.next();
        oldest.remove();
        held = waiting.size();
        return w;
    }

    int held() {
        return held;
    }

    int max() {
        return max;
    }

    /** How long the oldest waiter has waited; 0 when none waits. */
    long oldestWaitNanos(long nowNanos) {
        Iterator<Long> since = waiting.values().iterator();
        return since.hasNext() ? nowNanos - since.next() : 0;
    }

    /** Empties the queue: every waiter in it, oldest first. */
    List<Waiter> takeAll() {
        List<Waiter> all = new ArrayList<>(waiting.keySet());
        waiting.clear();
        held = 0;
        return all;
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }
}
