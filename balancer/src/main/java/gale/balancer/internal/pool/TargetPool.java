package gale.balancer.internal.pool;

import java.util.ArrayDeque;

/**
 * Idle keep-alive connections to one target, of one event loop, used by that loop only (so no locks). Last in, first out: the most
 * recently used connection is the least likely to have been closed by the target; anything idle longer than the
 * target's idle limit is closed instead of used, so a stale connection is never handed out knowingly. The one
 * exception keeps a pool warm: the oldest connection, once it has been idle for half the limit, goes first.
 */
public final class TargetPool {
    private final IdleLimit limit;
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();

    public TargetPool(IdleLimit limit) {
        this.limit = limit;
    }

    public PooledConnection acquire(long nowNanos) {
        long limit = this.limit.nanos();
        PooledConnection oldest = idle.peekFirst();
        // Last-in-first-out alone leaves the connections beyond the usual concurrency idle at the bottom until the
        // sweep closes them, and the next burst of load opens them again (each open costs the event loop about
        // 100-175 µs). Taking the oldest one before it ages out keeps them all within the limit as long as the load
        // can use them.
        PooledConnection b =
                oldest != null && nowNanos - oldest.idleSince >= limit / 2 ? idle.pollFirst() : idle.pollLast();
        while (b != null) {
            b.pooled = false;
            if (b.channel.isActive() && nowNanos - b.idleSince < limit) {
                return b;
            }
            b.channel.close();
            b = idle.pollLast();
        }
        return null;
    }

    public void release(PooledConnection b, long nowNanos) {
        b.idleSince = nowNanos;
        b.pooled = true;
        idle.addLast(b);
    }

    /** The connection closed while idle (the target closed it). */
    public void remove(PooledConnection b) {
        b.pooled = false;
        idle.remove(b);
    }

    /** Closes connections idle beyond the limit, oldest first, before the target closes them under us. */
    public void sweep(long nowNanos) {
        long limit = this.limit.nanos();
        PooledConnection b;
        while ((b = idle.peekFirst()) != null && nowNanos - b.idleSince >= limit) {
            idle.pollFirst();
            b.pooled = false;
            b.channel.close();
        }
    }

    public void closeAll() {
        PooledConnection b;
        while ((b = idle.pollFirst()) != null) {
            b.pooled = false;
            b.channel.close();
        }
    }

    public int size() {
        return idle.size();
    }
}
