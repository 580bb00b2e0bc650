package gale.balancer.internal.fault;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;

/**
 * {@code net-slow-close} on one client connection: a close the balancer asks for waits the fault's delay, as
 * Toxiproxy's slow_close does. Stays on the connection once put there and lets closes through once the fault ended.
 */
final class SlowClose extends ChannelOutboundHandlerAdapter {
    /** The fault drawn by the current request, or null; set and read on the connection's event loop. */
    private InjectedFault fault;
    /** A close waits already: later ones complete with it. */
    private boolean waiting;

    void delayFor(InjectedFault fault) {
        this.fault = fault;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (waiting) {
            ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
            return;
        }
        InjectedFault f = fault;
        if (f == null || !f.active()) {
            ctx.close(promise);
            return;
        }
        waiting = true;
        ctx.flush();
        ctx.executor().schedule(() -> ctx.close(promise), f.fault().delay().toNanos(), TimeUnit.NANOSECONDS);
    }
}
