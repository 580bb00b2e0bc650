package gale.balancer.internal.proxy;

import gale.balancer.internal.http1.RequestDecoder;
import gale.balancer.internal.loop.LoopResources;
import gale.balancer.internal.loop.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.Map;

/** Server channels for listeners: each accepted connection gets a request decoder and a {@link FrontendHandler}. */
public final class ListenerChannels {
    private final EventLoopGroup group;
    private final Transport transport;
    private final Map<EventLoop, LoopResources> byLoop;
    private final Observers observers;

    public ListenerChannels(
            EventLoopGroup group, Transport transport, Map<EventLoop, LoopResources> byLoop, Observers observers) {
        this.group = group;
        this.transport = transport;
        this.byLoop = byLoop;
        this.observers = observers;
    }

    public ServerBootstrap bootstrap(ListenerRuntime listener) {
        int maxHeaderBytes = listener.limits.maxHeaderBytes();
        return new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new RequestDecoder(maxHeaderBytes, listener.desyncMode),
                                        new FrontendHandler(observers, listener, byLoop.get(ch.eventLoop())));
                    }
                });
    }
}
