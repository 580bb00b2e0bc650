package gale.balancer.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * A response head as a target sent it: the status, its fields in place, and how its body is framed; or a head that
 * could not be read ({@link #failed}). The head the client gets is written from it by {@link #forward}.
 */
public final class ResponseHead {
    static final ResponseHead FAILED = new ResponseHead(0, false, null, 0, Body.NONE);

    private static final byte[] HTTP_11 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE =
            "connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);

    /** How the client connection's future is announced in the forwarded head. */
    public enum ConnectionField {
        NONE,
        CLOSE,
        KEEP_ALIVE
    }

    /** How the body that follows the head is delimited (RFC 9112 §6.3). */
    public enum Body {
        NONE,
        LENGTH,
        CHUNKED,
        UNTIL_CLOSE
    }

    public final int status;
    public final boolean http10;
    public final Body body;
    private final HeaderFields fields;
    /** Where the status line ends (before its CR LF); it is forwarded from the status code on. */
    private final int statusLineEnd;
    /** The whole body, as framed, when it came with the head and was small enough to forward with it; or null. */
    private byte[] wholeBody;

    private ResponseHead(int status, boolean http10, HeaderFields fields, int statusLineEnd, Body body) {
        this.status = status;
        this.http10 = http10;
        this.fields = fields;
        this.statusLineEnd = statusLineEnd;
        this.body = body;
    }

    /**
     * Parses a whole head: {@code raw} ends with its empty line; {@code lineEnd} is the status line's LF. A response
     * that {@code answersHead} has no body, whatever its fields say.
     */
    static ResponseHead parse(byte[] raw, int lineEnd, boolean answersHead) {
        int end = lineEnd > 0 && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (end < 12
                || raw[0] != 'H'
                || raw[1] != 'T'
                || raw[2] != 'T'
                || raw[3] != 'P'
                || raw[4] != '/'
                || raw[5] != '1'
                || raw[6] != '.'
                || raw[8] != ' '
                || (end > 12 && raw[12] != ' ')) {
            return FAILED;
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            if (raw[i] < '0' || raw[i] > '9') {
                return FAILED;
            }
            status = status * 10 + raw[i] - '0';
        }
        HeaderFields fields = HeaderFields.parse(raw, lineEnd + 1);
        if (fields == null || fields.badContentLength || status < 100) {
            return FAILED;
        }
        fields.dropConnectionOptions();
        return new ResponseHead(status, raw[7] == '0', fields, end, body(status, fields, answersHead));
    }

    private static Body body(int status, HeaderFields fields, boolean answersHead) {
        if (answersHead || status < 200 || status == 204 || status == 304) {
            return Body.NONE;
        }
        if (fields.transferEncoding >= 0) {
            return fields.lastTokenIs(fields.transferEncoding, "chunked") ? Body.CHUNKED : Body.UNTIL_CLOSE;
        }
        if (fields.contentLength < 0) {
            return Body.UNTIL_CLOSE;
        }
        return fields.contentLength == 0 ? Body.NONE : Body.LENGTH;
    }

    /** Set by the decoder before the head is handed on: the body's bytes, framing included; none follow. */
    void takeWholeBody(ByteBuf body) {
        byte[] bytes = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), bytes);
        wholeBody = bytes;
    }

    /** True when nothing follows this head: it has no body, or the whole body came with it. */
    public boolean wholeResponse() {
        return body == Body.NONE || wholeBody != null;
    }

    public boolean failed() {
        return fields == null;
    }

    public boolean informational() {
        return status < 200;
    }

    /** Body bytes by Content-Length; meaningful when {@link #body} is {@link Body#LENGTH}. */
    public long contentLength() {
        return fields.contentLength;
    }

    public boolean keepAlive() {
        return fields.keepAlive(http10);
    }

    /** Seconds from the target's {@code Keep-Alive: timeout=N} hint, or -1. */
    public long keepAliveTimeoutSeconds() {
        return fields.keepAlive < 0 ? -1 : fields.timeoutSeconds(fields.keepAlive);
    }

    /**
     * The head the client gets: HTTP/1.1, the target's status and fields without hop-by-hop ones; followed by the
     * body when it came whole with the head.
     */
    public ByteBuf forward(ByteBufAllocator alloc, ConnectionField connection) {
        byte[] raw = fields.raw;
        byte[] body = wholeBody;
        ByteBuf out = alloc.buffer(raw.length + 32 + (body == null ? 0 : body.length));
        out.writeBytes(HTTP_11);
        out.writeBytes(raw, 9, statusLineEnd - 9);
        out.writeByte('\r').writeByte('\n');
        HeaderFields f = fields;
        for (int i = 0; i < f.count; i++) {
            byte k = f.kind(i);
            if (k != FieldKinds.CONNECTION
                    && k != FieldKinds.KEEP_ALIVE
                    && k != FieldKinds.HOP_BY_HOP
                    && k != FieldKinds.DROPPED) {
                f.write(i, out);
            }
        }
        switch (connection) {
            case CLOSE -> out.writeBytes(CONNECTION_CLOSE);
            case KEEP_ALIVE -> out.writeBytes(CONNECTION_KEEP_ALIVE);
            case NONE -> {}
        }
        out.writeByte('\r').writeByte('\n');
        if (body != null) {
            out.writeBytes(body);
        }
        return out;
    }
}
