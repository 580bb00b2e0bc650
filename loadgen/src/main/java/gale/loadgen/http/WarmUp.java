package gale.loadgen.http;

import gale.loadgen.plan.Protocol;
import gale.loadgen.plan.RequestSpec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Warms the client's code (class loading, the JIT's tiers) before the test clock starts, against a throwaway
 * server inside this process: never the target, so the target's counts stay exact. Without it the first second of
 * an open-model test measures the JVM loading classes, not the server (1,000 req/s would queue for ~1 s), and a
 * closed-model test at full speed spends its first two seconds at a third of its rate while C2 compiles the path.
 */
final class WarmUp {

    /** Shaped like a typical server's (nginx's) response, so the parser's hot loops see their usual header count. */
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nServer: gale-warm-up\r\n"
                    + "Date: Mon, 23 Nov 2026 05:30:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                    + "Connection: keep-alive\r\n\r\nok")
            .getBytes(StandardCharsets.US_ASCII);

    /** Request chains per loop: enough to go through epoll's many-ready-channels path, as a loaded test does. */
    private static final int CHAINS = 8;

    /** No compile finished for this long: the JIT's queue is (nearly) empty. A C2 compile takes 1-50 ms. */
    private static final Duration JIT_QUIET = Duration.ofMillis(150);
    /** The longest wait for the JIT after the requests: C2 needed about 1.5 s of CPU for the request path here. */
    private static final Duration JIT_WAIT_MAX = Duration.ofSeconds(3);

    private WarmUp() {}

    /**
     * Sends requests on every loop for about {@code budget}, then closes the warm-up server. Each finished exchange
     * is also handed to a consumer from {@code perLoop} (one per loop, used on that loop only), so the caller's
     * recording code is compiled too.
     */
    static void run(
            EventLoopGroup group,
            Iterable<LoopClient> loops,
            Duration budget,
            boolean http2,
            Supplier<Consumer<ClientExchange>> perLoop) {
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (http2) {
                            ch.pipeline()
                                    .addLast(Http2FrameCodecBuilder.forServer().build(), new H2Responder());
                        } else {
                            ch.pipeline().addLast(new Responder());
                        }
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        URI url = URI.create("http://127.0.0.1:" + address.getPort() + "/");
        PreparedRequest request = PreparedRequest.of(-1, RequestSpec.get(url), address);
        try {
            long deadline = System.nanoTime() + budget.toNanos();
            CompletableFuture<?>[] all = new CompletableFuture<?>[0];
            java.util.List<CompletableFuture<Void>> done = new java.util.ArrayList<>();
            for (LoopClient client : loops) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                done.add(f);
                Consumer<ClientExchange> onEach = perLoop.get();
                client.loop().execute(() -> {
                    // h2c with prior knowledge, or HTTP/1.1, whatever the plan's protocol and the target's scheme
                    client.speakTo(request.origin(), http2 ? Protocol.H2C : Protocol.HTTP1_1);
                    loop(client, request, deadline, onEach, new AtomicInteger(CHAINS), f);
                });
            }
            CompletableFuture.allOf(done.toArray(all)).get(budget.toMillis() + 2000, TimeUnit.MILLISECONDS);
            JitQuiet.await(JIT_QUIET, JIT_WAIT_MAX);
        } catch (Exception e) {
            // Warming is best effort: the test runs either way.
        } finally {
            server.close().syncUninterruptibly();
            // Chains still running (a machine too busy to finish in time) end on the errors of the closed pool.
            for (LoopClient client : loops) {
                client.loop().submit(() -> client.closeOrigin(request.origin())).awaitUninterruptibly(1000);
            }
            request.release();
        }
    }

    /** A few concurrent request chains on one loop until the deadline. */
    private static void loop(
            LoopClient client,
            PreparedRequest request,
            long deadline,
            Consumer<ClientExchange> onEach,
            AtomicInteger chains,
            CompletableFuture<Void> done) {
        int n = chains.get();
        for (int i = 0; i < n; i++) {
            ClientExchange e = new ClientExchange();
            ExchangeListener again = new ExchangeListener() {
                @Override
                public void onComplete(ClientExchange ex) {
                    onEach.accept(ex);
                    if (ex.error() != null || System.nanoTime() > deadline) {
                        if (chains.decrementAndGet() == 0) {
                            client.closeOrigin(request.origin());
                            done.complete(null);
                        }
                        return;
                    }
                    ex.reset(request, 0);
                    client.execute(ex, this);
                }
            };
            e.reset(request, 0);
            client.execute(e, again);
        }
    }

    /** Answers each request's HEADERS (a GET: the end of its stream) with a response in HEADERS and DATA. */
    private static final class H2Responder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h && h.isEndStream()) {
                    Http2Headers head = new DefaultHttp2Headers()
                            .status("200")
                            .add("server", "gale-warm-up")
                            .add("content-type", "text/plain");
                    ctx.write(new DefaultHttp2HeadersFrame(head, false).stream(h.stream()));
                    ByteBuf ok = Unpooled.wrappedBuffer(new byte[] {'o', 'k'});
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(ok, true).stream(h.stream()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** Answers every read with one response: enough for one small request per read. */
    private static final class Responder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(RESPONSE));
        }
    }
}
