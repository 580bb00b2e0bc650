package gale.balancer.internal;

import java.util.ArrayDeque;

/**
 * Idle keep-alive connections to one target, used by one event loop only (so no locks). Last in, first out: the most
 * recently used connection is the least likely to have been closed by the target; anything idle longer than the
 * target's idle limit is closed instead of used, so a stale connection is never handed out knowingly. The one
 * exception keeps a pool warm: the oldest connection, once it has been idle for half the limit, goes first.
 */
final class ConnectionPool {
    private final Target target;
    private final ArrayDeque<BackendHandler> idle = new ArrayDeque<>();

    ConnectionPool(Target target) {
        this.target = target;
    }

    BackendHandler acquire(long nowNanos) {
        long limit = target.poolIdleNanos();
        BackendHandler oldest = idle.peekFirst();
        // Last-in-first-out alone leaves the connections beyond the usual concurrency idle at the bottom until the
        // sweep closes them, and the next burst opens them again (under strace, which made a benchmark's load bursty:
        // 9 closed and 9 reopened within half a second, ~100-175 µs of the event loop each). Taking the oldest one
        // before it ages out keeps them all within the limit as long as the load can use them.
        BackendHandler b =
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

    void release(BackendHandler b, long nowNanos) {
        b.idleSince = nowNanos;
        b.pooled = true;
        idle.addLast(b);
    }

    /** The connection closed while idle (the target closed it). */
    void remove(BackendHandler b) {
        b.pooled = false;
        idle.remove(b);
    }

    /** Closes connections idle beyond the limit, oldest first, before the target closes them under us. */
    void sweep(long nowNanos) {
        long limit = target.poolIdleNanos();
        BackendHandler b;
        while ((b = idle.peekFirst()) != null && nowNanos - b.idleSince >= limit) {
            idle.pollFirst();
            b.pooled = false;
            b.channel.close();
        }
    }

    void closeAll() {
        BackendHandler b;
        while ((b = idle.pollFirst()) != null) {
            b.pooled = false;
            b.channel.close();
        }
    }

    int size() {
        return idle.size();
    }
}
