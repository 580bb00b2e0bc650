package gale.balancer.internal.http1;

import gale.balancer.BalancerError;
import gale.balancer.DesyncMitigationMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * A request head as a client sent it: the request line, its fields in place, how its body is framed, and its desync
 * classification; or, when it can't be forwarded safely, the error that says why. The head a target gets is written from it by {@link #forward}.
 */
public final class RequestHead {
    private static final byte[] HTTP_11_CRLF = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORWARDED_FOR = "x-forwarded-for: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORWARDED_PROTO = "x-forwarded-proto: http\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORWARDED_PORT = "x-forwarded-port: ".getBytes(StandardCharsets.US_ASCII);

    /** Null when the head is forwarded; else the answer. */
    public final BalancerError error;

    /**
     * The rule broken that weighs most ({@link DesyncReason#COMPLIANT_REQUEST} for none); null only for a head refused
     * for its size before it was read.
     */
    public final DesyncReason desync;

    /** The mode forwards it but trusts nothing after it: neither connection is used again. */
    public final boolean closeAfter;

    public final String method;
    public final boolean http10;
    public final boolean chunked;
    /** Body bytes announced by Content-Length; 0 when there is none (or the body is chunked). */
    public final long contentLength;

    private final HeaderFields fields;
    private final int targetStart;
    private final int targetEnd;
    private String uri;

    private RequestHead(
            BalancerError error,
            DesyncReason desync,
            boolean closeAfter,
            String method,
            boolean http10,
            boolean chunked,
            long contentLength,
            HeaderFields fields,
            int targetStart,
            int targetEnd) {
        this.error = error;
        this.desync = desync;
        this.closeAfter = closeAfter;
        this.method = method;
        this.http10 = http10;
        this.chunked = chunked;
        this.contentLength = contentLength;
        this.fields = fields;
        this.targetStart = targetStart;
        this.targetEnd = targetEnd;
    }

    public static RequestHead failed(BalancerError error) {
        return new RequestHead(error, null, false, "", false, false, 0, null, 0, 0);
    }

    private static RequestHead refused(DesyncReason reason) {
        return new RequestHead(reason.error(), reason, false, "", false, false, 0, null, 0, 0);
    }

    /**
     * Parses and classifies a whole head: {@code raw} ends with its empty line; {@code lineEnd} is the request line's
     * LF. What {@code mode} refuses comes back with its {@link #error}.
     */
    static RequestHead parse(byte[] raw, int lineEnd, DesyncMitigationMode mode) {
        boolean crlf = lineEnd > 0 && raw[lineEnd - 1] == '\r';
        int end = crlf ? lineEnd - 1 : lineEnd;
        int sp1 = 0;
        while (sp1 < end && FieldKinds.isToken(raw[sp1])) {
            sp1++;
        }
        if (sp1 == 0 || sp1 == end || raw[sp1] != ' ') {
            return refused(DesyncReason.BAD_METHOD);
        }
        int ts = sp1 + 1;
        int te = ts;
        while (te < end && (raw[te] & 0xff) > ' ' && raw[te] != 0x7f) {
            te++;
        }
        if (te == ts || (te < end && raw[te] != ' ')) {
            return refused(DesyncReason.BAD_URI);
        }
        if (end - te != 9 || !httpVersion(raw, te + 1)) {
            return refused(DesyncReason.BAD_VERSION);
        }
        boolean http10 = raw[te + 8] == '0';
        HeaderFields fields = HeaderFields.classify(raw, lineEnd + 1);
        if (!crlf) {
            fields.note(DesyncReason.NON_CRLF_LINE_TERMINATION);
        }
        if (raw[ts] != '/' && raw[ts] != '*') {
            fields.note(absoluteForm(raw, ts, te) ? DesyncReason.ABSOLUTE_FORM_TARGET : DesyncReason.BAD_URI);
        }
        String method = method(raw, sp1);
        boolean chunked = BodyRules.chunked(fields, method, http10);
        DesyncDecision decision = DesyncDecision.of(mode, fields.worst.classification());
        if (decision == DesyncDecision.REJECT) {
            return refused(fields.worst);
        }
        fields.dropConnectionOptions();
        return new RequestHead(
                null,
                fields.worst,
                decision == DesyncDecision.FORWARD_THEN_CLOSE,
                method,
                http10,
                chunked,
                chunked ? 0 : Math.max(0, fields.contentLength),
                fields,
                ts,
                te);
    }

    /** {@code scheme://...}, the target a request to a proxy names (RFC 9112 §3.2.2). */
    private static boolean absoluteForm(byte[] raw, int ts, int te) {
        int p = ts;
        while (p < te && ((raw[p] | 0x20) >= 'a' && (raw[p] | 0x20) <= 'z' || raw[p] == '+' || raw[p] == '.')) {
            p++;
        }
        return p > ts && p + 3 <= te && raw[p] == ':' && raw[p + 1] == '/' && raw[p + 2] == '/';
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    private static boolean httpVersion(byte[] raw, int s) {
        return raw[s] == 'H'
                && raw[s + 1] == 'T'
                && raw[s + 2] == 'T'
                && raw[s + 3] == 'P'
                && raw[s + 4] == '/'
                && raw[s + 5] == '1'
                && raw[s + 6] == '.'
                && (raw[s + 7] == '1' || raw[s + 7] == '0');
    }

    /** The common methods as constants, so the hot path allocates no string for them. */
    private static String method(byte[] raw, int len) {
        String known = switch (len) {
            case 3 -> raw[0] == 'G' ? "GET" : "PUT";
            case 4 -> raw[0] == 'H' ? "HEAD" : "POST";
            case 5 -> raw[0] == 'P' ? "PATCH" : "TRACE";
            case 6 -> "DELETE";
            case 7 -> raw[0] == 'O' ? "OPTIONS" : "CONNECT";
            default -> null;
        };
        if (known != null && startsWith(raw, known)) {
            return known;
        }
        return new String(raw, 0, 0, len);
    }

    private static boolean startsWith(byte[] raw, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (raw[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean bodyless() {
        return !chunked && contentLength == 0;
    }

    public boolean head() {
        return "HEAD".equals(method);
    }

    /** Methods whose repetition has the effect of one (RFC 9110 §9.2.2): safe to send again without a response. */
    public boolean idempotent() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    public boolean keepAlive() {
        return !closeAfter && fields.keepAlive(http10);
    }

    public String uri() {
        String u = uri;
        if (u == null) {
            u = new String(fields.raw, 0, targetStart, targetEnd - targetStart);
            uri = u;
        }
        return u;
    }

    /** The Host header, or null. */
    public String host() {
        return fields.host < 0 ? null : fields.value(fields.host);
    }

    /**
     * The head the target gets: HTTP/1.1, without hop-by-hop fields, with X-Forwarded-For/Proto/Port set for this
     * hop.
     */
    public ByteBuf forward(ByteBufAllocator alloc, byte[] clientIp, byte[] port) {
        byte[] raw = fields.raw;
        ByteBuf out = alloc.buffer(raw.length + 96 + clientIp.length);
        out.writeBytes(raw, 0, targetEnd);
        out.writeBytes(HTTP_11_CRLF);
        HeaderFields f = fields;
        for (int i = 0; i < f.count; i++) {
            byte k = f.kind(i);
            if (k == FieldKinds.OTHER
                    || k == FieldKinds.FOLDED
                    || k == FieldKinds.HOST
                    || k == FieldKinds.CONTENT_LENGTH) {
                f.write(i, out);
            }
        }
        if (chunked) { // one spelling, whatever the client's: no target can read it as another coding
            out.writeBytes(CHUNKED);
        }
        if (closeAfter) {
            out.writeBytes(CLOSE);
        }
        out.writeBytes(FORWARDED_FOR);
        if (f.forwardedFor > 0) {
            f.writeValues(FieldKinds.FORWARDED_FOR, out);
            out.writeByte(',').writeByte(' ');
        }
        out.writeBytes(clientIp).writeByte('\r').writeByte('\n');
        out.writeBytes(FORWARDED_PROTO);
        out.writeBytes(FORWARDED_PORT).writeBytes(port).writeByte('\r').writeByte('\n');
        out.writeByte('\r').writeByte('\n');
        return out;
    }
}
