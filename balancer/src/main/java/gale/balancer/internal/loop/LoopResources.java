package gale.balancer.internal.loop;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;

/**
 * What belongs to one event loop: its index into every target's pool array and a template for connections to
 * targets, which live on the same loop as the client connection that uses them (no cross-thread hand-off).
 */
public final class LoopResources {
    public final int index;
    public final EventLoop loop;
    public final Bootstrap backend;
    public final FlushBatch flushes;

    public LoopResources(int index, EventLoop loop, Bootstrap backend) {
        this.index = index;
        this.loop = loop;
        this.backend = backend;
        this.flushes = new FlushBatch(loop);
    }
}
