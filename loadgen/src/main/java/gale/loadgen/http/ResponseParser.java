package gale.loadgen.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 response at a time from the bytes of a connection, in whatever pieces they arrive: the status
 * line, the three headers that frame the message (Content-Length, Transfer-Encoding: chunked, Connection), then the
 * body, skipped in place unless a check needs it. It allocates nothing per response: lines are copied into one
 * reused array, other headers are passed over, body bytes are never copied. Netty's decoder builds a header map,
 * a response object and a content object per response; for a load generator that reads "Hello, World!" 30,000
 * times a second, that was the largest single cost per request.
 *
 * <p>Not a validating parser: it is lenient where being strict would not change what is measured (header values
 * are not checked, obsolete line folding is treated as another header, a header line that does not start with C or T
 * cannot frame the message and is passed over unread, whatever its length), and it rejects (throws {@link Malformed})
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

    private byte[] line = new byte[256];
    private int lineLength;
    private State state = State.DONE;
    private boolean head;
    private int status;
    private boolean http10;
    private boolean keepAlive;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    /** Expects a new response; a response to HEAD has no body whatever its headers say. */
    void start(boolean headRequest) {
        head = headRequest;
        state = State.STATUS;
        lineLength = 0;
        status = 0;
    }

    /**
     * Consumes bytes of {@code in} up to the end of the current response and returns whether it ended there; bytes
     * after the end are left unread. Appends body text to {@code body} (if not null) up to {@code bodyLimit} chars.
     */
    boolean feed(ByteBuf in, StringBuilder body, int bodyLimit) {
        while (in.isReadable()) {
            switch (state) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    if (state == State.HEADERS && lineLength == 0 && skipUnframingHeader(in)) {
                        continue;
                    }
                    if (readLine(in)) {
                        onLine();
                        lineLength = 0;
                    }
                }
                case FIXED_BODY, CHUNK_DATA, UNTIL_CLOSE -> {
                    int n = (int) Math.min(in.readableBytes(), state == State.UNTIL_CLOSE ? Long.MAX_VALUE : remaining);
                    if (body != null && body.length() < bodyLimit) {
                        int keep = Math.min(n, bodyLimit - body.length());
                        body.append(in.toString(in.readerIndex(), keep, StandardCharsets.UTF_8));
                    }
                    in.skipBytes(n);
                    remaining -= n;
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
     * Passes over a whole header line in {@code in} that cannot be one of the three this parser reads (they start
     * with C or T), without copying it: Server, Date and the like.
     */
    private static boolean skipUnframingHeader(ByteBuf in) {
        int from = in.readerIndex();
        byte first = in.getByte(from);
        if (first == 'c' || first == 'C' || first == 't' || first == 'T' || first == '\r' || first == '\n') {
            return false;
        }
        int lf = in.indexOf(from, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            return false;
        }
        in.readerIndex(lf + 1);
        return true;
    }

    /** Copies bytes up to and including LF into {@link #line}; true when the line is complete (LF or CRLF cut). */
    private boolean readLine(ByteBuf in) {
        int from = in.readerIndex();
        int lf = in.indexOf(from, in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf;
        int n = end - from;
        if (lineLength + n > MAX_LINE) {
            throw new Malformed("line longer than " + MAX_LINE + " bytes");
        }
        if (lineLength + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + n)));
        }
        in.getBytes(from, line, lineLength, n);
        lineLength += n;
        in.readerIndex(lf < 0 ? end : lf + 1);
        if (lf < 0) {
            return false;
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void onLine() {
        switch (state) {
            case STATUS -> statusLine();
            case HEADERS -> {
                if (lineLength == 0) {
                    headersEnd();
                } else {
                    header();
                }
            }
            case CHUNK_SIZE -> {
                remaining = chunkSize();
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (lineLength != 0) {
                    throw new Malformed("chunk data longer than its size");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (lineLength == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** "HTTP/1.1 200 OK": the version decides the keep-alive default, the three digits are the status. */
    private void statusLine() {
        if (lineLength == 0 && status == 0) {
            return; // a stray CRLF between messages (RFC 9112 2.2 allows ignoring it)
        }
        if (lineLength < 12 || !startsWith(0, "HTTP/1.") || line[8] != ' ') {
            throw new Malformed(
                    "bad status line: " + new String(line, 0, Math.min(lineLength, 80), StandardCharsets.US_ASCII));
        }
        http10 = line[7] == '0';
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int d = line[i] - '0';
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
        while (v < lineLength && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        int vEnd = lineLength;
        while (vEnd > v && (line[vEnd - 1] == ' ' || line[vEnd - 1] == '\t')) {
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
        for (int i = 0; i < lineLength && line[i] != ';' && line[i] != ' ' && line[i] != '\t'; i++) {
            int d = Character.digit(line[i], 16);
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
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new Malformed("bad Content-Length");
            }
            n = n * 10 + d;
        }
        return n;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (line[at + i] != s.charAt(i)) {
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
            int c = line[at + i];
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
