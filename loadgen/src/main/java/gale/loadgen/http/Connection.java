package gale.loadgen.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive connection and the exchange in flight on it. The pipeline is [tls] → {@link Wire} (bytes and first
 * byte) → {@link HttpResponseDecoder} → {@link Responses}; requests are pre-encoded bytes written straight to the
 * channel, so nothing encodes on the hot path.
 */
final class Connection {

    final Channel channel;
    private final ConnectionPool pool;
    Exchange current;
    boolean closing;

    Connection(Channel channel, ConnectionPool pool) {
        this.channel = channel;
        this.pool = pool;
    }

    void install() {
        channel.pipeline().addLast("wire", new Wire());
        channel.pipeline().addLast("decoder", new Decoder());
        channel.pipeline().addLast("responses", new Responses());
    }

    void send(Exchange exchange) {
        current = exchange;
        exchange.connection = this;
        exchange.acquired = System.nanoTime();
        PreparedRequest request = exchange.request;
        exchange.bytesSent = request.bytes().readableBytes();
        // A void promise: a failed write surfaces in exceptionCaught, and epoll writes within flush, so the time
        // after the call is when the bytes were handed to the kernel (k6's sending ends there too).
        channel.writeAndFlush(request.bytes().retainedDuplicate(), channel.voidPromise());
        if (exchange.writeEnd == 0 && current == exchange) {
            exchange.writeEnd = System.nanoTime();
        }
    }

    /** Ends the exchange in flight with {@code kind} and closes; the pool learns of the close from channelInactive. */
    void abort(ErrorKind kind) {
        Exchange e = current;
        if (e != null && e.error == null) {
            e.error = kind;
        }
        channel.close();
    }

    private void finish() {
        Exchange e = current;
        current = null;
        if (e == null) {
            return;
        }
        e.end = System.nanoTime();
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
        if (cause instanceof DecoderException) {
            return ErrorKind.PROTOCOL;
        }
        if (cause instanceof IOException) {
            String m = String.valueOf(cause.getMessage());
            return m.contains("refused")
                    ? ErrorKind.REFUSED
                    : m.contains("Too many open files") ? ErrorKind.OTHER : ErrorKind.RESET;
        }
        return ErrorKind.OTHER;
    }

    /** Counts received bytes and marks the first byte of the response (end of k6's waiting). */
    private final class Wire extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Exchange e = current;
            if (e != null && msg instanceof ByteBuf buf) {
                e.bytesReceived += buf.readableBytes();
                if (e.firstByte == 0) {
                    e.firstByte = System.nanoTime();
                    if (e.writeEnd == 0) {
                        e.writeEnd = e.firstByte;
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Knows that a response to HEAD has no body even when it announces a Content-Length. */
    private final class Decoder extends HttpResponseDecoder {
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            Exchange e = current;
            return (e != null && e.request.head()) || super.isContentAlwaysEmpty(msg);
        }
    }

    private final class Responses extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                Exchange e = current;
                if (msg instanceof HttpResponse response) {
                    if (response.decoderResult().isFailure()) {
                        abort(ErrorKind.PROTOCOL);
                        return;
                    }
                    if (e != null && response.status().code() >= 200) {
                        e.status = response.status().code();
                        e.keepAlive = HttpUtil.isKeepAlive(response);
                    }
                }
                if (msg instanceof HttpContent content) {
                    if (content.decoderResult().isFailure()) {
                        abort(ErrorKind.PROTOCOL);
                        return;
                    }
                    if (e != null && e.body != null && e.request.needsBody() && e.body.length() < Exchange.BODY_LIMIT) {
                        ByteBuf data = content.content();
                        int n = Math.min(data.readableBytes(), Exchange.BODY_LIMIT - e.body.length());
                        e.body.append(data.toString(data.readerIndex(), n, StandardCharsets.UTF_8));
                    }
                    if (msg instanceof LastHttpContent && e != null && e.status != 0) {
                        finish();
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Exchange e = current;
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
