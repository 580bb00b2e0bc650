package gale.balancer.internal.warmup;

import gale.balancer.internal.http1.ResponseDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The connections the warm-up's clients open to its listener, on the balancer's own loops: each reads through the
 * balancer's response decoder into the client's handler, and is kept until it closes, so that the end of the warm-up
 * can close what is left.
 */
final class WarmupConnections {
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();

    WarmupConnections(WarmupSetup setup, InetSocketAddress address) {
        this.bootstrap = new Bootstrap()
                .group(setup.eventLoops())
                .channel(setup.transport().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true);
        this.address = address;
    }

    /**
     * Connects with {@code handler} reading the responses; once connected, {@code onClose} is told when the connection
     * closes, on the close's own pass of the loop (so a client that opens its next connection from it should leave
     * that to a later task).
     */
    ChannelFuture connect(ChannelHandler handler, Consumer<Channel> onClose) {
        ChannelFuture connect = bootstrap
                .clone()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ResponseDecoder(), handler);
                    }
                })
                .connect(address);
        connect.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                Channel ch = f.channel();
                open.add(ch);
                ch.closeFuture().addListener(closed -> {
                    open.remove(ch);
                    onClose.accept(ch);
                });
            }
        });
        return connect;
    }

    /** The connections open now. */
    List<Channel> openNow() {
        return List.copyOf(open);
    }

    /** Closes every connection still open, and waits for each to close. */
    void closeAll() {
        for (Channel ch : openNow()) {
            ch.close().syncUninterruptibly();
        }
    }
}
