package gale.balancer.internal.group;

import gale.balancer.BalancerError;
import gale.balancer.ConnectionLimit;
import java.util.HashSet;
import java.util.Set;

/**
 * The queue in front of a group whose targets have a {@code maxConnections} (HAProxy's backend queue): a request that
 * finds every target at its limit waits here, oldest first, until a slot frees or its {@code queueTimeout} ends. A
 * freed slot is given to the oldest waiter, which keeps it (it is <i>woken</i>) until its own event loop routes it;
 * meanwhile new requests queue behind, so that they can't take the slot first. Guarded by the group's lock, but for
 * the volatile counts the request path reads.
 */
final class ConnectionQueue {
    private final ConnectionLimit limit;
    private final HoldQueue waiting;
    private final Set<Waiter> woken = new HashSet<>();
    /** Woken waiters that have not routed yet: the slots they hold. */
    private volatile int reserved;
    /** Above 80% of {@code maxQueued}, until the queue is back to half of it. */
    private boolean high;

    ConnectionQueue(ConnectionLimit limit) {
        this.limit = limit;
        this.waiting = new HoldQueue(limit.maxQueued());
    }

    boolean limited() {
        return limit.limited();
    }

    /** Requests wait or hold a slot: a new one must queue behind them. Read without the lock. */
    boolean busy() {
        return limit.limited() && (waiting.held() > 0 || reserved > 0);
    }

    /** Requests wait: a slot that frees is theirs. Read without the lock. */
    boolean waiting() {
        return waiting.held() > 0;
    }

    int queued() {
        return waiting.held();
    }

    /** Whether a request that found no target with room should queue: targets exist, all at their limit. */
    boolean mustQueue(Candidates c) {
        return limit.limited() && c.live().length > 0;
    }

    /**
     * Queues {@code waiter} unless a target has room for it now (or it holds a slot already).
     *
     * @return {@code ROUTE}, {@code QUEUED} or {@code FULL}
     */
    TargetGroupImpl.Hold enqueue(Waiter waiter, Candidates c, long nowNanos) {
        if (!limit.limited() || woken.contains(waiter) || (!busy() && room(c) > 0)) {
            return TargetGroupImpl.Hold.ROUTE;
        }
        return waiting.add(waiter, nowNanos) ? TargetGroupImpl.Hold.QUEUED : TargetGroupImpl.Hold.FULL;
    }

    /** Whether the queue passed 80% of {@code maxQueued} with its last request: true once per crossing. */
    boolean crossedHigh() {
        int n = waiting.held();
        if (!high && n * 5 >= limit.maxQueued() * 4) {
            high = true;
            return true;
        }
        if (high && n * 2 <= limit.maxQueued()) {
            high = false;
        }
        return false;
    }

    /** The woken {@code waiter} routes now: the slot it held is its own to take. */
    boolean claim(Waiter waiter) {
        boolean mine = woken.remove(waiter);
        if (mine) {
            reserved = woken.size();
        }
        return mine;
    }

    /**
     * A slot freed (a request ended) or the targets changed: wakes, oldest first, as many waiters as the targets
     * requests go to have room for beyond the slots woken waiters hold already. A slot of a draining target, or of an
     * unhealthy one while others are healthy, wakes nobody: no request could take it.
     */
    void wakeForRoom(Candidates c) {
        for (int room = room(c) - reserved; room > 0 && waiting(); room--) {
            Waiter next = waiting.poll();
            woken.add(next);
            reserved = woken.size();
            next.wake();
        }
    }

    /**
     * The waiter's request is gone (client closed, or its wait timed out); a slot it held goes to the next waiter.
     *
     * @return whether it was in this queue
     */
    boolean remove(Waiter waiter, Candidates c) {
        if (waiting.remove(waiter)) {
            return true;
        }
        if (claim(waiter)) {
            wakeForRoom(c);
            return true;
        }
        return false;
    }

    /** The answer to a queued request whose {@code queueTimeout} ended; null if it was not queued here. */
    BalancerError timedOut(Waiter waiter, Candidates c) {
        return remove(waiter, c) ? BalancerError.QUEUE_TIMEOUT : null;
    }

    boolean contains(Waiter waiter) {
        return woken.contains(waiter) || waiting.contains(waiter);
    }

    long oldestWaitNanos(long nowNanos) {
        return waiting.oldestWaitNanos(nowNanos);
    }

    /** Free slots on the targets requests go to now: the healthy ones, else those fail-open would use. */
    private int room(Candidates c) {
        Target[] targets = c.healthy().length > 0 ? c.healthy() : c.untested().length > 0 ? c.untested() : c.live();
        int room = 0;
        for (Target t : targets) {
            room += Math.max(0, limit.maxConnections() - t.inFlight.get());
        }
        return room;
    }
}
