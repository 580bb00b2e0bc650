package gale.balancer.internal.group;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Requests that wait for a group's first healthy target, oldest first. Guarded by the group's lock. */
final class HoldQueue {
    private final int max;
    private final Set<Waiter> waiting = new LinkedHashSet<>();
    /** Read without the lock by the request path and by {@link gale.balancer.TargetGroup#heldRequests}. */
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
    boolean add(Waiter waiter) {
        if (waiting.size() >= max) {
            return false;
        }
        waiting.add(waiter);
        held = waiting.size();
        return true;
    }

    void remove(Waiter waiter) {
        if (waiting.remove(waiter)) {
            held = waiting.size();
        }
    }

    int held() {
        return held;
    }

    /** Empties the queue: every waiter in it, oldest first. */
    List<Waiter> takeAll() {
        List<Waiter> all = new ArrayList<>(waiting);
        waiting.clear();
        held = 0;
        return all;
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }
}
