package gale.balancer.internal.pool;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A connection to a target that a {@link TargetPool} can keep: its channel and how long it has been idle. The proxy's
 * backend handler is one; fields rather than methods, as the pool reads them on every acquire.
 */
public abstract class PooledConnection extends ChannelInboundHandlerAdapter {
    /** Set once the connection's pipeline is built. */
    public Channel channel;

    long idleSince;
    boolean pooled;

    /** True while the connection waits in its pool. */
    public final boolean pooled() {
        return pooled;
    }
}
