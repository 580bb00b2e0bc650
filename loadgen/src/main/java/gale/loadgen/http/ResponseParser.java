package gale.loadgen.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 response at a time from the bytes of a connection, in whatever pieces they arrive: the status
 * line, the three headers that frame the message (Content-Length, Transfer-Encoding: chunked, Connection), then the
 * body, skipped in place unless a check needs it. It allocates nothing per response: a read's head bytes are copied
 * into one reused array at once and its lines read there, other headers are passed over, body bytes are never copied. Netty's decoder builds a header map,
 * a response object and a content object per response; for a load generator that reads "Hello, World!" 30,000
 * times a second, that was the largest single cost per request.
 *
 * <p>Not a validating parser: it is lenient where being strict would not change what is measured (header values
 * are not checked, obsolete line folding is treated as another header, a header line that does not start with C or T
 * cannot frame the message and is passed over), and it rejects (throws {@link Malformed})
 * what makes the framing unknowable: a bad status line, a bad Content-Length or chunk size, an over-long line.
 */
final class ResponseParser {

    /** Longest status, header or chunk-size line; Netty's decoder defaults to 8 KiB too. */
    static final int MAX_LINE = 8192;

    private enum State {
        STATUS,
        HEADERS,
        FIXED_BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE,
        DONE
    }

    /** One read's bytes, copied at once (responses' heads are usually far shorter). */
    private final byte[] scratch = new byte[2048];
    /** The start of a line cut by the end of a read. */
    private byte[] partial = new byte[256];

    private int partialLength;
    /** The line being read: {@code n} bytes of {@code a} from {@code o}, CRLF cut. */
    private byte[] a;

    private int o;
    private int n;
    private State state = State.DONE;
    private boolean head;
    private int status;
    private boolean http10;
    private boolean keepAlive;
    private boolean chunked;
    private long contentLength;
    private long remaining;
    /** Where header lines go when the request keeps them; null on the fixed-request path. */
    private java.util.List<String> headerLines;

    /** Expects a new response; a response to HEAD has no body whatever its headers say. */
    void start(boolean headRequest) {
        start(headRequest, null);
    }

    /** As {@link #start(boolean)}, and adds each header line of the response to {@code headers} if not null. */
    void start(boolean headRequest, java.util.List<String> headers) {
        headerLines = headers;
        head = headRequest;
        state = State.STATUS;
        partialLength = 0;
        status = 0;
    }

    /**
     * Consumes bytes of {@code in} up to the end of the current response and returns whether it ended there; bytes
     * after the end are left unread. Appends body text to {@code body} (if not null) up to {@code bodyLimit} chars.
     */
    boolean feed(ByteBuf in, StringBuilder body, int bodyLimit) {
        while (in.isReadable()) {
            switch (state) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> readLines(in);
                case FIXED_BODY, CHUNK_DATA, UNTIL_CLOSE -> {
                    int count =
                            (int) Math.min(in.readableBytes(), state == State.UNTIL_CLOSE ? Long.MAX_VALUE : remaining);
                    if (body != null && body.length() < bodyLimit) {
                        int kept = Math.min(count, bodyLimit - body.length());
                        body.append(in.toString(in.readerIndex(), kept, StandardCharsets.UTF_8));
                    }
                    in.skipBytes(count);
                    remaining -= count;
                    if (remaining == 0 && state == State.FIXED_BODY) {
                        state = State.DONE;
                    } else if (remaining == 0 && state == State.CHUNK_DATA) {
                        state = State.CHUNK_END;
                    }
                }
                case DONE -> {
                    return true;
                }
            }
        }
        return state == State.DONE;
    }

    /** Whether the connection's end is the response's end (no length given): then it ends well when it closes. */
    boolean endsAtClose() {
        return state == State.UNTIL_CLOSE;
    }

    /** The final status (1xx interim responses are read past). */
    int status() {
        return status;
    }

    /** Whether the connection may carry the next request. */
    boolean keepAlive() {
        return keepAlive && state != State.UNTIL_CLOSE;
    }

    /**
     * Copies up to {@link #scratch}'s length of {@code in} in one go and reads the lines in it until the state asks
     * for body bytes; a line cut by the end of the copy is kept in {@link #partial} until its LF arrives. One bulk
     * copy per read costs less than one per line.
     */
    private void readLines(ByteBuf in) {
        int length = Math.min(in.readableBytes(), scratch.length);
        in.getBytes(in.readerIndex(), scratch, 0, length);
        int pos = 0;
        while (pos < length && inLine()) {
            int lf = pos;
            while (lf < length && scratch[lf] != '\n') {
                lf++;
            }
            if (lf == length) {
                keep(pos, length - pos);
                pos = length;
                break;
            }
            if (partialLength > 0) {
                keep(pos, lf - pos);
                a = partial;
                o = 0;
                n = partialLength;
            } else {
                a = scratch;
                o = pos;
                n = lf - pos;
            }
            partialLength = 0;
            pos = lf + 1;
            if (n > MAX_LINE) {
                throw new Malformed("line longer than " + MAX_LINE + " bytes");
            }
            if (n > 0 && a[o + n - 1] == '\r') {
                n--;
            }
            onLine();
        }
        in.skipBytes(pos);
    }

    private boolean inLine() {
        return switch (state) {
            case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> true;
            default -> false;
        };
    }

    /** Appends the start of a line whose end has not arrived yet. */
    private void keep(int from, int length) {
        if (partialLength + length > MAX_LINE) {
            throw new Malformed("line longer than " + MAX_LINE + " bytes");
        }
        if (partialLength + length > partial.length) {
            partial = java.util.Arrays.copyOf(
                    partial, Math.min(MAX_LINE, Math.max(2 * partial.length, partialLength + length)));
        }
        System.arraycopy(scratch, from, partial, partialLength, length);
        partialLength += length;
    }

    /** Content-Length, Connection and Transfer-Encoding start with C or T; other headers cannot frame the message. */
    private static boolean framing(byte first) {
        return first == 'c' || first == 'C' || first == 't' || first == 'T';
    }

    private void onLine() {
        switch (state) {
            case STATUS -> statusLine();
            case HEADERS -> {
                if (n == 0) {
                    headersEnd();
                } else {
                    if (headerLines != null) {
                        headerLines.add(new String(a, o, n, StandardCharsets.ISO_8859_1));
                    }
                    if (framing(a[o])) {
                        header();
                    }
                }
            }
            case CHUNK_SIZE -> {
                remaining = chunkSize();
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (n != 0) {
                    throw new Malformed("chunk data longer than its size");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (n == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** "HTTP/1.1 200 OK": the version decides the keep-alive default, the three digits are the status. */
    private void statusLine() {
        if (n == 0 && status == 0) {
            return; // a stray CRLF between messages (RFC 9112 2.2 allows ignoring it)
        }
        if (n < 12 || !startsWith(0, "HTTP/1.") || a[o + 8] != ' ') {
            throw new Malformed("bad status line: " + new String(a, o, Math.min(n, 80), StandardCharsets.US_ASCII));
        }
        http10 = a[o + 7] == '0';
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int d = a[o + i] - '0';
            if (d < 0 || d > 9) {
                throw new Malformed("bad status code");
            }
            code = code * 10 + d;
        }
        status = code;
        keepAlive = !http10;
        chunked = false;
        contentLength = -1;
        state = State.HEADERS;
    }

    private void header() {
        int colon = indexOf((byte) ':');
        if (colon <= 0) {
            throw new Malformed("header line without a name");
        }
        int v = colon + 1;
        while (v < n && (a[o + v] == ' ' || a[o + v] == '\t')) {
            v++;
        }
        int vEnd = n;
        while (vEnd > v && (a[o + vEnd - 1] == ' ' || a[o + vEnd - 1] == '\t')) {
            vEnd--;
        }
        if (nameIs(colon, "content-length")) {
            contentLength = decimal(v, vEnd);
        } else if (nameIs(colon, "transfer-encoding")) {
            chunked = endsWithIgnoreCase(v, vEnd, "chunked");
        } else if (nameIs(colon, "connection")) {
            if (containsIgnoreCase(v, vEnd, "close")) {
                keepAlive = false;
            } else if (containsIgnoreCase(v, vEnd, "keep-alive")) {
                keepAlive = true;
            }
        }
    }

    private void headersEnd() {
        if (status < 200) {
            state = State.STATUS; // 100 Continue and friends: the final response follows
            status = 0;
        } else if (head || status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.FIXED_BODY;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    /** Hex digits up to an optional ";extension". */
    private long chunkSize() {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < n && a[o + i] != ';' && a[o + i] != ' ' && a[o + i] != '\t'; i++) {
            int d = Character.digit(a[o + i], 16);
            if (d < 0 || ++digits > 15) {
                throw new Malformed("bad chunk size");
            }
            size = size * 16 + d;
        }
        if (digits == 0) {
            throw new Malformed("bad chunk size");
        }
        return size;
    }

    private long decimal(int from, int to) {
        if (from == to || to - from > 18) {
            throw new Malformed("bad Content-Length");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = a[o + i] - '0';
            if (d < 0 || d > 9) {
                throw new Malformed("bad Content-Length");
            }
            n = n * 10 + d;
        }
        return n;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < n; i++) {
            if (a[o + i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (a[o + at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(int length, String lowerName) {
        return length == lowerName.length() && regionMatchesIgnoreCase(0, lowerName);
    }

    private boolean endsWithIgnoreCase(int from, int to, String lower) {
        return to - from >= lower.length() && regionMatchesIgnoreCase(to - lower.length(), lower);
    }

    private boolean containsIgnoreCase(int from, int to, String lower) {
        for (int i = from; i + lower.length() <= to; i++) {
            if (regionMatchesIgnoreCase(i, lower)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatchesIgnoreCase(int at, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = a[o + at + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes cannot be read as an HTTP/1.1 response; the connection is unusable (ErrorKind.PROTOCOL). */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
