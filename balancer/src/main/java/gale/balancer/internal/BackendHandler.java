package gale.balancer.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection to a target, on the event loop of the client connections it serves. While a request is
 * in flight it hands everything to that client's {@link FrontendHandler}; while pooled it only watches for the target
 * closing it.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;

    final Target target;
    final LoopContext loop;
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
                HttpDecoderConfig config = new HttpDecoderConfig()
                        .setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
                        .setMaxChunkSize(64 * 1024)
                        .setValidateHeaders(false); // responses come from our own targets; requests are validated
                ch.pipeline().addLast(new HttpClientCodec(config, false, false), self);
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
        if (msg instanceof HttpResponse response) {
            f.onResponseHead(this, response);
        } else if (msg instanceof HttpContent content) {
            f.onResponseContent(this, content);
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
