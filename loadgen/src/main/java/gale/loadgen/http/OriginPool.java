package gale.loadgen.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keep-alive connections of one event loop to one origin. VUs do not own connections: a request takes an idle
 * one, opens a new one while fewer than {@code max} are open, or queues (that wait is http_req_blocked). VUs that
 * think leave their connection to others, so 50,000 VUs with 1 s think time need only as many connections as
 * requests in flight. Runs on its event loop only.
 */
final class OriginPool {

    /** Above this many connections to a loopback origin, spread source addresses over 127.0.0.x (~28k ports each). */
    private static final int PORTS_PER_SOURCE = 20_000;

    /**
     * Connects in progress at once per pool. Without a bound, thousands of VUs starting together flood the
     * server's SYN backlog; dropped SYNs are retried after 1, 3, 7, 15 s, stalling those VUs for that long.
     */
    private static final int MAX_PENDING_CONNECTS = 256;

    private final Bootstrap bootstrap;
    private final PreparedRequest.Origin origin;
    private final SslContext ssl;
    private final int max;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<ClientExchange> waiting = new ArrayDeque<>();
    private final Set<Connection> all = new HashSet<>();
    private int open;
    private int opened;
    private int pending;

    OriginPool(Bootstrap bootstrap, PreparedRequest.Origin origin, SslContext ssl, int max) {
        this.bootstrap = bootstrap;
        this.origin = origin;
        this.ssl = ssl;
        this.max = max;
    }

    void acquire(ClientExchange exchange) {
        Connection c;
        while ((c = idle.pollLast()) != null) {
            if (c.channel.isActive() && !c.closing) {
                c.send(exchange);
                return;
            }
        }
        if (open < max && pending < MAX_PENDING_CONNECTS) {
            connect(exchange);
        } else {
            waiting.add(exchange);
        }
    }

    /** Grows the pool for queued exchanges while it may. */
    private void connectForWaiting() {
        while (!waiting.isEmpty() && open < max && pending < MAX_PENDING_CONNECTS) {
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

    void closed(Connection c) {
        if (all.remove(c)) {
            open--;
            idle.remove(c);
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
        Connection connection = new Connection(channel, this);
        all.add(connection);
        future.addListener(f -> {
            pending--;
            if (!f.isSuccess()) {
                all.remove(connection);
                open--;
                exchange.connectEnd = System.nanoTime();
                exchange.fail(Connection.classify(f.cause()));
                connectForWaiting();
                return;
            }
            connectForWaiting();
            if (ssl != null) {
                SslHandler tls = ssl.newHandler(channel.alloc(), origin.host(), origin.port());
                ServerName.set(tls.engine(), origin.host());
                channel.pipeline().addLast("tls", tls);
                connection.install();
                tls.handshakeFuture().addListener(h -> {
                    exchange.connectEnd = System.nanoTime();
                    if (h.isSuccess()) {
                        connection.send(exchange);
                    } else {
                        channel.close();
                        exchange.fail(ErrorKind.OTHER);
                    }
                });
            } else {
                connection.install();
                exchange.connectEnd = System.nanoTime();
                connection.send(exchange);
            }
        });
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

    /** Fails exchanges older than {@code timeoutNanos}: in flight (closing their connection) or queued. */
    void sweep(long now, long timeoutNanos) {
        for (Connection c : List.copyOf(all)) {
            ClientExchange e = c.current;
            if (e != null && now - (e.acquired == 0 ? e.start : e.acquired) > timeoutNanos) {
                c.abort(ErrorKind.TIMEOUT);
            }
        }
        List<ClientExchange> expired = new ArrayList<>();
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
        for (Connection c : List.copyOf(all)) {
            c.closing = true;
            c.channel.close();
        }
    }
}
