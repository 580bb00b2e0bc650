package gale.balancer.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;

/**
 * What belongs to one event loop: its index into every target's pool array and a template for connections to
 * targets, which live on the same loop as the client connection that uses them (no cross-thread hand-off).
 */
final class LoopContext {
    final int index;
    final EventLoop loop;
    final Bootstrap backend;
    final FlushBatch flushes;

    LoopContext(int index, EventLoop loop, Bootstrap backend) {
        this.index = index;
        this.loop = loop;
        this.backend = backend;
        this.flushes = new FlushBatch(loop);
    }
}
