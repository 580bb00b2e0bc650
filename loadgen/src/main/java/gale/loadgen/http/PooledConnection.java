package gale.loadgen.http;

import io.netty.channel.Channel;

/** A connection of an {@link OriginPool}: HTTP/1.1, one exchange at a time, or HTTP/2, many streams at once. */
interface PooledConnection {

    Channel channel();

    /** Takes no new exchange from now on; closes once what is in flight has ended. */
    void stopTaking();

    /** Fails what has been in flight longer than {@code timeoutNanos}. */
    void sweep(long now, long timeoutNanos);
}
