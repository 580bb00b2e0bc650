package gale.balancer.internal;

import java.util.ArrayDeque;

/**
 * Idle keep-alive connections to one target, used by one event loop only (so no locks). Last in, first out: the most
 * recently used connection is the least likely to have been closed by the target; anything idle longer than the
 * target's idle limit is closed instead of used, so a stale connection is never handed out knowingly.
 */
final class ConnectionPool {
    private final Target target;
    private final ArrayDeque<BackendHandler> idle = new ArrayDeque<>();

    ConnectionPool(Target target) {
        this.target = target;
    }

    BackendHandler acquire(long nowNanos) {
        long limit = target.poolIdleNanos();
        BackendHandler b;
        while ((b = idle.pollLast()) != null) {
            b.pooled = false;
            if (b.channel.isActive() && nowNanos - b.idleSince < limit) {
                return b;
            }
            b.channel.close();
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
