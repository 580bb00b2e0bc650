package gale.loadgen.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/2 connection and the exchanges in flight on it, one stream each, with Netty's HTTP/2 codec (framing,
 * HPACK, flow control, SETTINGS). Bytes are counted below the codec and given to exchanges in the order they end,
 * so data_sent and data_received add up to what crossed the connection (frames, HPACK and the preface included).
 */
final class H2Connection implements PooledConnection {

    private static final CharSequence STATUS = Http2Headers.PseudoHeaderName.STATUS.value();

    final Channel channel;
    private final OriginPool pool;
    private final int limit;
    private final IntObjectMap<ClientExchange> streams = new IntObjectHashMap<>();
    private Http2ConnectionHandler codec;
    private ChannelHandlerContext ctx;
    private boolean closing;
    /** How streams open at the close fail: a reset, unless the server did not speak HTTP/2. */
    private ErrorKind closeKind = ErrorKind.RESET;
    /** Whether the pool lists it as having a free stream. */
    boolean listed;

    private long bytesIn;
    private long bytesOut;
    private long givenIn;
    private long givenOut;

    H2Connection(Channel channel, OriginPool pool, int limit) {
        this.channel = channel;
        this.pool = pool;
        this.limit = limit;
    }

    void install() {
        Frames frames = new Frames();
        codec = new Http2ConnectionHandlerBuilder()
                .server(false)
                .validateHeaders(false)
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                .frameListener(frames)
                .build();
        codec.connection().addListener(frames);
        channel.pipeline().addLast("bytes", new WireBytes());
        channel.pipeline().addLast("h2", codec);
        channel.pipeline().addLast("h2-end", new End());
        ctx = channel.pipeline().context(codec);
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /** Whether one more stream may start now: under our limit and the server's SETTINGS_MAX_CONCURRENT_STREAMS. */
    boolean hasRoom() {
        return !closing
                && channel.isActive()
                && streams.size() < limit
                && codec.connection().local().canOpenStream();
    }

    void send(ClientExchange e) {
        int id = codec.connection().local().incrementAndGetNextStreamId();
        if (id < 0) {
            stopTaking(); // stream ids used up: a new connection takes over
            pool.retry(e);
            return;
        }
        e.http2 = true;
        e.acquired = System.nanoTime();
        streams.put(id, e);
        PreparedRequest r = e.request;
        ByteBuf body = r.body();
        boolean hasBody = body.isReadable();
        ChannelFuture head = codec.encoder().writeHeaders(ctx, id, r.h2Headers(), 0, !hasBody, ctx.newPromise());
        if (hasBody) {
            codec.encoder().writeData(ctx, id, body.retainedSlice(), 0, true, ctx.newPromise());
        }
        channel.flush();
        if (head.isDone() && !head.isSuccess() && streams.remove(id) != null) {
            e.fail(ErrorKind.PROTOCOL); // the codec refused the stream (its state, not the network)
            return;
        }
        e.bytesSent = bytesOut - givenOut;
        givenOut = bytesOut;
        if (e.writeEnd == 0) {
            e.writeEnd = System.nanoTime();
        }
    }

    @Override
    public void stopTaking() {
        closing = true;
        if (streams.isEmpty()) {
            channel.close();
        }
    }

    @Override
    public void sweep(long now, long timeoutNanos) {
        List<Integer> late = new ArrayList<>();
        for (IntObjectMap.PrimitiveEntry<ClientExchange> s : streams.entries()) {
            ClientExchange e = s.value();
            if (now - (e.acquired == 0 ? e.start : e.acquired) > timeoutNanos) {
                late.add(s.key());
            }
        }
        for (int id : late) {
            ClientExchange e = streams.remove(id);
            codec.resetStream(ctx, id, Http2Error.CANCEL.code(), ctx.newPromise());
            channel.flush();
            end(e, ErrorKind.TIMEOUT);
        }
    }

    /** Ends {@code e} (already out of {@code streams}) with {@code error}, or a response when null. */
    private void end(ClientExchange e, ErrorKind error) {
        if (e.end == 0) {
            e.end = System.nanoTime();
        }
        e.bytesReceived = bytesIn - givenIn;
        givenIn = bytesIn;
        if (closing && streams.isEmpty()) {
            channel.close();
        } else {
            pool.streamEnded(this);
        }
        if (error != null) {
            e.fail(error);
        } else {
            e.complete();
        }
    }

    /** Reads frames into the exchanges of their streams; errors and closes end what they touch. */
    private final class Frames extends Http2EventAdapter {

        @Override
        public void onHeadersRead(
                ChannelHandlerContext c, int id, Http2Headers headers, int padding, boolean endOfStream) {
            ClientExchange e = streams.get(id);
            if (e == null) {
                return;
            }
            long now = System.nanoTime();
            if (e.firstByte == 0) {
                e.firstByte = now;
            }
            Integer status = headers.getInt(STATUS);
            if (status != null && status >= 200) {
                e.status = status;
            } else if (status != null && !endOfStream) {
                return; // an informational response: the final one follows
            }
            if (e.headers != null && e.request.needsHeaders()) {
                for (Map.Entry<CharSequence, CharSequence> h : headers) {
                    if (h.getKey().length() > 0 && h.getKey().charAt(0) != ':') {
                        e.headers.add(h.getKey() + ": " + h.getValue());
                    }
                }
            }
            if (endOfStream) {
                e.end = now;
                streams.remove(id);
                end(e, e.status == 0 ? ErrorKind.PROTOCOL : null);
            }
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext c,
                int id,
                Http2Headers headers,
                int dependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream) {
            onHeadersRead(c, id, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext c, int id, ByteBuf data, int padding, boolean endOfStream) {
            int processed = data.readableBytes() + padding; // returned to the flow-control window at once
            ClientExchange e = streams.get(id);
            if (e == null) {
                return processed;
            }
            StringBuilder body = e.body != null && e.request.needsBody() ? e.body : null;
            if (body != null && body.length() < ClientExchange.BODY_LIMIT) {
                int kept = Math.min(data.readableBytes(), ClientExchange.BODY_LIMIT - body.length());
                body.append(data.toString(data.readerIndex(), kept, StandardCharsets.UTF_8));
            }
            if (endOfStream) {
                e.end = System.nanoTime();
                streams.remove(id);
                end(e, e.status == 0 ? ErrorKind.PROTOCOL : null);
            }
            return processed;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext c, int id, long errorCode) {
            ClientExchange e = streams.get(id);
            if (e != null && errorCode == Http2Error.REFUSED_STREAM.code() && e.firstByte == 0) {
                // RFC 9113 8.7: a refused stream was not processed, so it is safe to send again
                streams.remove(id);
                pool.streamEnded(H2Connection.this);
                pool.retry(e);
            }
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
            closing = true;
            // Streams above the last one the server took were never processed (RFC 9113 6.8): send them again.
            List<Integer> unprocessed = new ArrayList<>();
            for (IntObjectMap.PrimitiveEntry<ClientExchange> s : streams.entries()) {
                if (s.key() > lastStreamId) {
                    unprocessed.add(s.key());
                }
            }
            for (int id : unprocessed) {
                pool.retry(streams.remove(id));
            }
            if (streams.isEmpty()) {
                channel.close();
            }
        }

        @Override
        public void onGoAwaySent(int lastStreamId, long errorCode, ByteBuf debugData) {
            if (errorCode == Http2Error.PROTOCOL_ERROR.code()) {
                // e.g. an HTTP/1.1 server answering the preface: "First received frame was not SETTINGS"
                closeKind = ErrorKind.PROTOCOL;
                pool.notHttp2(debugData.toString(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onStreamClosed(Http2Stream stream) {
            ClientExchange e = streams.remove(stream.id());
            if (e != null) {
                end(e, closeKind); // reset by the server, or closed before its response ended
            } else {
                // Ended already; only now does the codec stop counting it against the server's
                // SETTINGS_MAX_CONCURRENT_STREAMS, so at that limit its room is free from here on.
                pool.streamEnded(H2Connection.this);
            }
        }
    }

    /** Counts the bytes between the socket (or TLS) and the codec, both ways. */
    private final class WireBytes extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
            if (msg instanceof ByteBuf b) {
                bytesIn += b.readableBytes();
            }
            c.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf b) {
                bytesOut += b.readableBytes();
            }
            c.write(msg, promise);
        }
    }

    /** What the codec passes on: the close, and errors it did not handle. */
    private final class End extends ChannelInboundHandlerAdapter {
        @Override
        public void channelInactive(ChannelHandlerContext c) {
            closing = true;
            List<ClientExchange> open = new ArrayList<>(streams.values());
            streams.clear();
            pool.closed(H2Connection.this);
            open.forEach(e -> {
                if (e.end == 0) {
                    e.end = System.nanoTime();
                }
                e.fail(closeKind);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            closing = true;
            c.close();
        }
    }
}
