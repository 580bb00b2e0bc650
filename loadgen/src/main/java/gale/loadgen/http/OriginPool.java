package gale.loadgen.http;

import gale.loadgen.plan.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The connections of one event loop to one origin. VUs do not own connections: a request takes a free HTTP/2
 * stream or an idle HTTP/1.1 connection, opens a new connection while fewer than {@code max} are open, or queues
 * (that wait is http_req_blocked). VUs that think leave their connection to others, so 50,000 VUs with 1 s think
 * time need only as many connections as requests in flight. HTTP/2 connections are filled up to their streams
 * before another is opened. Runs on its event loop only.
 */
final class OriginPool {

    /** Above this many connections to a loopback origin, spread source addresses over 127.0.0.x (~28k ports each). */
    private static final int PORTS_PER_SOURCE = 20_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OriginPool.class);

    /**
     * Connects in progress at once per pool. Without a bound, thousands of VUs starting together flood the
     * server's SYN backlog; dropped SYNs are retried after 1, 3, 7, 15 s, stalling those VUs for that long.
     */
    private static final int MAX_PENDING_CONNECTS = 256;

    /** What the origin speaks: known from the plan, or (TLS offering h2) learned from the first handshake. */
    private enum Mode {
        UNKNOWN,
        HTTP1,
        HTTP2
    }

    private final Bootstrap bootstrap;
    private final PreparedRequest.Origin origin;
    private final SslContext ssl;
    private final int max;
    private final int streams;
    private Mode mode;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    /** HTTP/2 connections that had a free stream when last seen. */
    private final ArrayDeque<H2Connection> roomy = new ArrayDeque<>();

    private final ArrayDeque<ClientExchange> waiting = new ArrayDeque<>();
    private final Set<PooledConnection> all = new HashSet<>();
    private int open;
    private int opened;
    private int pending;
    private boolean toldNotHttp2;

    OriginPool(
            Bootstrap bootstrap,
            PreparedRequest.Origin origin,
            SslContext ssl,
            int max,
            Protocol protocol,
            int streams) {
        this.bootstrap = bootstrap;
        this.origin = origin;
        this.ssl = ssl;
        this.max = max;
        this.streams = streams;
        if (ssl != null) {
            mode = protocol.offersH2OverTls() ? Mode.UNKNOWN : Mode.HTTP1;
        } else {
            mode = protocol.priorKnowledge() ? Mode.HTTP2 : Mode.HTTP1;
        }
    }

    void acquire(ClientExchange exchange) {
        H2Connection h2;
        while ((h2 = roomy.peekFirst()) != null) {
            if (h2.hasRoom()) {
                h2.send(exchange);
                return;
            }
            roomy.pollFirst().listed = false;
        }
        Connection c;
        while ((c = idle.pollLast()) != null) {
            if (c.channel.isActive() && !c.closing) {
                c.send(exchange);
                return;
            }
        }
        if (!mayConnect()) {
            waiting.add(exchange);
        } else {
            connect(exchange);
        }
    }

    /** The server broke HTTP/2 at once (not an HTTP/2 server, most likely): said once per pool, since it repeats. */
    void notHttp2(String detail) {
        if (!toldNotHttp2) {
            toldNotHttp2 = true;
            // Netty's message holds the first bytes in hex; "HTTP/" is an HTTP/1.x server answering the preface
            String answer = detail.contains("485454502f") ? "it answered in HTTP/1.x: " : "";
            LOG.warn(
                    "{}:{} did not speak HTTP/2 ({}): requests fail as protocol errors; an h2c (prior knowledge)"
                            + " client needs a server that accepts it, else use protocol auto or http1.1",
                    origin.host(),
                    origin.port(),
                    answer + detail);
        }
    }

    /** Sends again an exchange that a server did not process (a refused stream, streams past a GOAWAY). */
    void retry(ClientExchange exchange) {
        exchange.acquired = exchange.writeEnd = exchange.firstByte = 0;
        exchange.bytesSent = 0;
        acquire(exchange);
    }

    /**
     * Whether one more connection should open for what waits: never past the limits; while the protocol is
     * unknown, one at a time; on HTTP/2, only for what the connections being opened will not carry.
     */
    private boolean mayConnect() {
        if (open >= max || pending >= MAX_PENDING_CONNECTS) {
            return false;
        }
        return switch (mode) {
            case UNKNOWN -> pending == 0;
            case HTTP1 -> true;
            case HTTP2 -> waiting.size() >= (long) pending * (streams - 1);
        };
    }

    /** Grows the pool for queued exchanges while it may. */
    private void connectForWaiting() {
        while (!waiting.isEmpty() && mayConnect()) {
            connect(waiting.poll());
        }
    }

    void release(Connection c) {
        ClientExchange next = waiting.poll();
        if (next != null) {
            c.send(next);
        } else {
            idle.addLast(c);
        }
    }

    /** A stream of {@code c} ended: its room goes to what waits, or back on the list. */
    void streamEnded(H2Connection c) {
        if (!c.hasRoom()) {
            return;
        }
        ClientExchange next = waiting.poll();
        if (next != null) {
            c.send(next);
        } else if (!c.listed) {
            c.listed = true;
            roomy.addLast(c);
        }
    }

    void closed(PooledConnection c) {
        if (all.remove(c)) {
            open--;
            if (c instanceof Connection h1) {
                idle.remove(h1);
            } else if (c instanceof H2Connection h2 && h2.listed) {
                roomy.remove(h2);
            }
            connectForWaiting();
        }
    }

    private void connect(ClientExchange exchange) {
        open++;
        pending++;
        exchange.connectStart = System.nanoTime();
        ChannelFuture future = sourceAddress() == null
                ? bootstrap.connect(origin.address())
                : bootstrap.connect(origin.address(), sourceAddress());
        opened++;
        Channel channel = future.channel();
        Placeholder placeholder = new Placeholder(channel);
        all.add(placeholder);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                pending--;
                all.remove(placeholder);
                open--;
                exchange.connectEnd = System.nanoTime();
                exchange.fail(Connection.classify(f.cause()));
                connectForWaiting();
                return;
            }
            if (ssl == null) {
                ready(placeholder, mode == Mode.HTTP2, exchange);
                return;
            }
            SslHandler tls = ssl.newHandler(channel.alloc(), origin.host(), origin.port());
            ServerName.set(tls.engine(), origin.host());
            channel.pipeline().addLast("tls", tls);
            channel.pipeline().addLast("alpn", new Negotiation(placeholder, exchange));
        });
    }

    /** The connection is up (and its TLS handshake done): speak {@code http2} or HTTP/1.1 on it from now on. */
    private void ready(Placeholder placeholder, boolean http2, ClientExchange first) {
        pending--;
        first.connectEnd = System.nanoTime();
        all.remove(placeholder);
        Channel channel = placeholder.channel;
        if (mode == Mode.UNKNOWN) {
            mode = http2 ? Mode.HTTP2 : Mode.HTTP1;
        }
        if (http2) {
            H2Connection c = new H2Connection(channel, this, streams);
            all.add(c);
            c.install();
            c.send(first);
            ClientExchange next;
            while (c.hasRoom() && (next = waiting.poll()) != null) {
                c.send(next);
            }
            streamEnded(c); // lists it if it still has room
        } else {
            Connection c = new Connection(channel, this);
            all.add(c);
            c.install();
            c.send(first);
        }
        connectForWaiting();
    }

    /** Picks the pipeline by what ALPN settled; a failed handshake fails the exchange that opened the connection. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        private final Placeholder placeholder;
        private final ClientExchange first;

        Negotiation(Placeholder placeholder, ClientExchange first) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.placeholder = placeholder;
            this.first = first;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            ready(placeholder, protocol.equals(ApplicationProtocolNames.HTTP_2), first);
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            failConnect(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failConnect(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            failConnect(ctx);
            super.channelInactive(ctx);
        }

        private void failConnect(ChannelHandlerContext ctx) {
            if (!all.remove(placeholder)) {
                return; // already settled
            }
            pending--;
            open--;
            first.connectEnd = System.nanoTime();
            ctx.close();
            first.fail(ErrorKind.OTHER);
            connectForWaiting();
        }
    }

    /** A connection still connecting (or in its TLS handshake): counted as open, taking nothing yet. */
    private record Placeholder(Channel channel) implements PooledConnection {
        @Override
        public void stopTaking() {
            channel.close();
        }

        @Override
        public void sweep(long now, long timeoutNanos) {
            // the connect timeout (and the handshake's) bound it
        }
    }

    private InetSocketAddress sourceAddress() {
        if (max <= PORTS_PER_SOURCE
                || !(origin.address().getAddress() instanceof Inet4Address a)
                || !a.isLoopbackAddress()) {
            return null;
        }
        int n = 1 + (opened / PORTS_PER_SOURCE) % 250;
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails exchanges older than {@code timeoutNanos}: in flight (on their connection) or queued. */
    void sweep(long now, long timeoutNanos) {
        for (PooledConnection c : List.copyOf(all)) {
            c.sweep(now, timeoutNanos);
        }
        List<ClientExchange> expired = new java.util.ArrayList<>();
        waiting.removeIf(e -> {
            boolean old = now - e.start > timeoutNanos;
            if (old) {
                expired.add(e);
            }
            return old;
        });
        expired.forEach(e -> e.fail(ErrorKind.TIMEOUT));
    }

    int open() {
        return open;
    }

    void closeAll() {
        for (PooledConnection c : List.copyOf(all)) {
            if (c instanceof Connection h1) {
                h1.closing = true;
            }
            c.channel().close();
        }
    }
}
