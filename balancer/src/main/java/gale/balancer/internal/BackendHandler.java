package gale.balancer.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection to a target, on the event loop of the client connections it serves. While a request is
 * in flight it hands everything to that client's {@link FrontendHandler}; while pooled it only watches for the target
 * closing it.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    final Target target;
    final LoopContext loop;
    final ResponseDecoder decoder = new ResponseDecoder();
    Channel channel;
    FrontendHandler front;
    long idleSince;
    boolean pooled;

    BackendHandler(Target target, LoopContext loop) {
        this.target = target;
        this.loop = loop;
    }

    ChannelInitializer<Channel> initializer() {
        BackendHandler self = this;
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(decoder, self);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendHandler f = front;
        if (f == null) { // a target talking on an idle connection: nothing can trust this connection any more
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof ResponseHead head) {
            f.onResponseHead(this, head);
        } else if (msg instanceof BodyPart part) {
            f.onResponseContent(this, part);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        FrontendHandler f = front;
        if (f != null) {
            f.backendReadComplete(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        FrontendHandler f = front;
        if (f != null && ctx.channel().isWritable()) {
            f.backendWritable(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pooled) {
            target.pools[loop.index].remove(this);
        }
        FrontendHandler f = front;
        if (f != null) {
            f.backendFailed(this, null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FrontendHandler f = front;
        if (f != null) {
            f.backendFailed(this, cause);
        }
        ctx.close();
    }
}
