package gale.loadgen.http;

import gale.loadgen.plan.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The HTTP client of one event loop: its connection pools and the sweep that times out stuck requests. */
public final class LoopClient {

    private static final long SWEEP_MILLIS = 250;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final int maxPerOrigin;
    private final Protocol protocol;
    private final int streams;
    private final long timeoutNanos;
    private final Map<PreparedRequest.Origin, OriginPool> pools = new HashMap<>();
    private PreparedRequest.Origin lastOrigin;
    private OriginPool lastPool;

    LoopClient(
            EventLoop loop,
            Bootstrap bootstrap,
            SslContext ssl,
            int maxPerOrigin,
            Protocol protocol,
            int streams,
            long timeoutNanos) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.ssl = ssl;
        this.maxPerOrigin = maxPerOrigin;
        this.protocol = protocol;
        this.streams = streams;
        this.timeoutNanos = timeoutNanos;
        loop.scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    public EventLoop loop() {
        return loop;
    }

    /** Sends on this loop; {@code listener} is called on this loop when the exchange ends. */
    public void execute(ClientExchange exchange, ExchangeListener listener) {
        exchange.listener = listener;
        if (exchange.start == 0) {
            exchange.start = System.nanoTime();
        }
        PreparedRequest.Origin origin = exchange.request.origin();
        OriginPool pool = lastPool;
        if (origin != lastOrigin || pool == null) {
            // Most plans have one origin: the identity check spares a record hashCode (an address hash) per request.
            pool = pools.get(origin);
            if (pool == null) {
                pool = new OriginPool(bootstrap, origin, origin.tls() ? ssl : null, maxPerOrigin, protocol, streams);
                pools.put(origin, pool);
            }
            lastOrigin = origin;
            lastPool = pool;
        }
        pool.acquire(exchange);
    }

    /** Open connections of this loop, over all origins. */
    public int openConnections() {
        return pools.values().stream().mapToInt(OriginPool::open).sum();
    }

    /** Makes the pool of cleartext {@code origin} speak {@code protocol} whatever the plan's (the warm-up's). */
    void speakTo(PreparedRequest.Origin origin, Protocol protocol) {
        pools.put(origin, new OriginPool(bootstrap, origin, null, maxPerOrigin, protocol, streams));
    }

    /** Closes and forgets the pool of one origin (the warm-up's). */
    void closeOrigin(PreparedRequest.Origin origin) {
        OriginPool pool = pools.remove(origin);
        if (origin.equals(lastOrigin)) {
            lastOrigin = null;
            lastPool = null;
        }
        if (pool != null) {
            pool.closeAll();
        }
    }

    void closeAll() {
        pools.values().forEach(OriginPool::closeAll);
    }

    private void sweep() {
        long now = System.nanoTime();
        pools.values().forEach(p -> p.sweep(now, timeoutNanos));
    }
}
