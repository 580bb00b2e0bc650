package gale.balancer.internal.warmup;

import gale.balancer.ListenerConfig;
import gale.balancer.internal.http1.BodyPart;
import gale.balancer.internal.http1.RequestDecoder;
import gale.balancer.internal.http1.RequestHead;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A warm-up target on loopback: answers every request with a small keep-alive response in one of the forms common
 * backends use, one in eight of them chunked. It reads requests with the balancer's own decoder, which the warm-up
 * exercises too.
 */
final class WarmupTarget implements AutoCloseable {
    /**
     * What targets answer, in turn: a bare response, nginx's, and one with a {@code Keep-Alive} hint as Node.js and
     * Apache send (each header a branch of the response path), and every eighth chunked.
     */
    private static final byte[][] RESPONSES = {
        ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!"),
        ascii("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Mon, 23 Nov 2026 17:42:43 GMT\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 13\r\nConnection: keep-alive\r\n\r\nHello, World!"),
        ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 13\r\n"
                + "Date: Mon, 23 Nov 2026 17:42:43 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n"
                + "{\"ok\":true}\r\n"),
    };

    private static final byte[] CHUNKED_RESPONSE = ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nd\r\nHello, World!\r\n0\r\n\r\n");
    private static final int CHUNKED_EVERY = 8;
    private static final int MAX_HEAD_BYTES = 8 * 1024;

    private final Channel server;
    /**
     * Open connections, to close at the end. Not a Netty {@code ChannelGroup}: its futures run on a global executor,
     * a type the loops' shared code would meet only here, and the JIT would recompile that code for it.
     */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

    WarmupTarget(WarmupSetup setup) {
        server = new ServerBootstrap()
                .group(setup.eventLoops())
                .channel(setup.transport().serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.closeFuture().addListener(closed -> connections.remove(ch));
                        ch.pipeline()
                                .addLast(
                                        new RequestDecoder(
                                                MAX_HEAD_BYTES, ListenerConfig.DEFAULT_DESYNC_MITIGATION_MODE),
                                        new Responder());
                    }
                })
                .bind(JitWarmup.HOST, 0)
                .syncUninterruptibly()
                .channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        for (Channel ch : List.copyOf(connections)) {
            ch.close().syncUninterruptibly();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final class Responder extends ChannelInboundHandlerAdapter {
        private int answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean complete = false;
            boolean broken = false;
            if (msg instanceof RequestHead head) {
                broken = head.error != null;
                complete = !broken && head.bodyless();
            } else if (msg instanceof BodyPart part) {
                broken = part.malformed;
                complete = part.last;
            }
            ReferenceCountUtil.release(msg);
            if (broken) {
                ctx.close();
            } else if (complete) {
                answered++;
                byte[] response =
                        answered % CHUNKED_EVERY == 0 ? CHUNKED_RESPONSE : RESPONSES[answered % RESPONSES.length];
                ctx.write(Unpooled.wrappedBuffer(response));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
