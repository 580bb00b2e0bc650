package gale.loadgen.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The event loops and one {@link LoopClient} per loop. Epoll when available (Linux), NIO otherwise. VUs live on
 * these loops too: each VU is bound to one loop and never leaves it, so its exchanges need no locks.
 */
public final class HttpEngine implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<LoopClient> clients = new ArrayList<>();
    /** Whether the test will most likely speak HTTP/2, so the warm-up should too. */
    private final boolean http2;

    public HttpEngine(ClientOptions options) {
        int threads = options.threads();
        http2 = options.protocol().priorKnowledge()
                || (options.tls() && options.protocol().offersH2OverTls());
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("gale-load", true), io);
        SslContext ssl = options.tls() ? ssl(options) : null;
        int perLoop = Math.max(1, (options.maxConnectionsPerOrigin() + threads - 1) / threads);
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
        for (var executor : group) {
            EventLoop loop = (EventLoop) executor;
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                    .handler(new Empty());
            clients.add(new LoopClient(
                    loop,
                    bootstrap,
                    ssl,
                    perLoop,
                    options.protocol(),
                    options.streamsPerConnection(),
                    options.timeout().toNanos()));
        }
    }

    /**
     * Runs the client's code against an in-process server for about {@code budget} (see {@link WarmUp}), handing
     * each finished exchange to a consumer that {@code perLoop} makes for each loop.
     */
    public void warmUp(Duration budget, Supplier<Consumer<ClientExchange>> perLoop) {
        WarmUp.run(group, clients, budget, http2, perLoop);
    }

    public List<LoopClient> loops() {
        return List.copyOf(clients);
    }

    /** Closes every connection (aborting what is in flight) and stops the loops. */
    @Override
    public void close() {
        CompletableFuture<?>[] closing = clients.stream()
                .map(c -> CompletableFuture.runAsync(c::closeAll, c.loop()))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The loops are shut down below either way.
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static SslContext ssl(ClientOptions options) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (options.insecure()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (options.clientCert() != null) {
                b.keyManager(options.clientCert().toFile(), options.clientKey().toFile());
            }
            if (options.protocol().offersH2OverTls()) {
                // ALPN, as k6 (Go) offers it: h2 first, HTTP/1.1 for servers without it
                b.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2,
                        ApplicationProtocolNames.HTTP_1_1));
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Handlers are added per connection once it is connected; the bootstrap needs a placeholder. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Empty extends ChannelHandlerAdapter {}
}
