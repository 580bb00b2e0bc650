package gale.loadgen.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.ConnectException;

/**
 * One keep-alive connection and the exchange in flight on it. The pipeline is [tls] → {@link Responses}, which reads
 * responses with a {@link ResponseParser} (no objects per response); requests are pre-encoded bytes written straight
 * to the channel, so nothing encodes on the hot path.
 */
final class Connection implements PooledConnection {

    final Channel channel;
    private final OriginPool pool;
    ClientExchange current;
    boolean closing;
    private final ResponseParser parser = new ResponseParser();

    Connection(Channel channel, OriginPool pool) {
        this.channel = channel;
        this.pool = pool;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void stopTaking() {
        closing = true;
        if (current == null) {
            channel.close();
        }
    }

    @Override
    public void sweep(long now, long timeoutNanos) {
        ClientExchange e = current;
        if (e != null && now - (e.acquired == 0 ? e.start : e.acquired) > timeoutNanos) {
            abort(ErrorKind.TIMEOUT);
        }
    }

    void install() {
        channel.pipeline().addLast("responses", new Responses());
    }

    void send(ClientExchange exchange) {
        current = exchange;
        exchange.connection = this;
        exchange.http2 = false;
        exchange.acquired = System.nanoTime();
        PreparedRequest request = exchange.request;
        exchange.bytesSent = request.bytes().readableBytes();
        parser.start(request.head(), request.needsHeaders() ? exchange.headers : null);
        // A void promise: a failed write surfaces in exceptionCaught, and epoll writes within flush, so the time
        // after the call is when the bytes were handed to the kernel (k6's sending ends there too).
        channel.writeAndFlush(request.bytes().retainedDuplicate(), channel.voidPromise());
        if (exchange.writeEnd == 0 && current == exchange) {
            exchange.writeEnd = System.nanoTime();
        }
    }

    /** Ends the exchange in flight with {@code kind} and closes; the pool learns of the close from channelInactive. */
    void abort(ErrorKind kind) {
        ClientExchange e = current;
        if (e != null && e.error == null) {
            e.error = kind;
        }
        channel.close();
    }

    private void finish() {
        ClientExchange e = current;
        current = null;
        if (e == null) {
            return;
        }
        if (e.end == 0) {
            e.end = System.nanoTime();
        }
        if (e.keepAlive && channel.isActive() && !closing) {
            pool.release(this);
        } else {
            closing = true;
            channel.close();
        }
        e.complete();
    }

    static ErrorKind classify(Throwable cause) {
        if (cause instanceof ConnectException) {
            return ErrorKind.REFUSED;
        }
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return ErrorKind.TIMEOUT;
        }
        if (cause instanceof io.netty.handler.codec.DecoderException) {
            return ErrorKind.PROTOCOL; // TLS records that do not decode
        }
        if (cause instanceof IOException) {
            String m = String.valueOf(cause.getMessage());
            return m.contains("refused")
                    ? ErrorKind.REFUSED
                    : m.contains("Too many open files") ? ErrorKind.OTHER : ErrorKind.RESET;
        }
        return ErrorKind.OTHER;
    }

    /** Reads responses: counts bytes, marks the first byte (end of k6's waiting) and the end, one clock read a read. */
    private final class Responses extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                ClientExchange e = current;
                if (e == null) {
                    return; // bytes nobody asked for (the exchange already ended): nothing to measure
                }
                long now = System.nanoTime();
                e.bytesReceived += buf.readableBytes();
                if (e.firstByte == 0) {
                    e.firstByte = now;
                    if (e.writeEnd == 0) {
                        e.writeEnd = now;
                    }
                }
                StringBuilder body = e.body != null && e.request.needsBody() ? e.body : null;
                if (parser.feed(buf, body, ClientExchange.BODY_LIMIT)) {
                    e.status = parser.status();
                    e.keepAlive = parser.keepAlive();
                    e.end = now;
                    finish();
                }
            } catch (ResponseParser.Malformed m) {
                abort(ErrorKind.PROTOCOL);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ClientExchange e = current;
            if (e != null && e.error == null && parser.endsAtClose()) {
                e.status = parser.status();
                e.keepAlive = false;
                finish(); // a response without a length ends when the server closes
            }
            e = current;
            current = null;
            pool.closed(Connection.this);
            if (e != null) {
                e.fail(ErrorKind.RESET);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            abort(classify(cause));
        }
    }
}
