package gale.balancer.internal.proxy;

import gale.balancer.internal.http1.ResponseHead;
import io.netty.channel.ChannelHandlerContext;

/** How a target's response head goes on to the client: what it says of the client connection's future. */
final class ResponseRelay {
    private ResponseRelay() {}

    /**
     * Writes {@code response}'s head to the client of {@code e} (not flushed) and notes what it says of the
     * connections; true when nothing follows it. An informational head is relayed and changes nothing.
     */
    static boolean forwardHead(ChannelHandlerContext ctx, ProxyExchange e, ResponseHead response) {
        if (response.informational()) {
            ctx.write(response.forward(ctx.alloc(), ResponseHead.ConnectionField.NONE), ctx.voidPromise());
            return false;
        }
        e.responseStarted = true;
        e.status = response.status;
        e.backendKeepAlive = response.keepAlive() && !e.request.closeAfter;
        long seconds = response.keepAliveTimeoutSeconds();
        if (seconds >= 0) {
            e.target.keepAliveHint(seconds);
        }
        e.closeClient = response.body == ResponseHead.Body.UNTIL_CLOSE;
        ResponseHead.ConnectionField connection;
        if (!e.clientKeepAlive || e.closeClient) {
            connection = ResponseHead.ConnectionField.CLOSE;
        } else if (e.http10) {
            connection = ResponseHead.ConnectionField.KEEP_ALIVE;
        } else {
            connection = ResponseHead.ConnectionField.NONE;
        }
        ctx.write(response.forward(ctx.alloc(), connection), ctx.voidPromise());
        return response.wholeResponse();
    }
}
