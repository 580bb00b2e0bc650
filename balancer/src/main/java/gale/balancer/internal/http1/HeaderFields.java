package gale.balancer.internal.http1;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The header section of one message head, parsed in place: where each field sits in the raw bytes, what kind of
 * field it is, and the few values the proxy acts on (framing, keep-alive, forwarding). Nothing else is decoded: the
 * fields the proxy passes on are copied byte for byte.
 *
 * <p>{@link FieldLines} reads the lines and says which could be read two ways (RFC 9112 §5, §11.2).
 */
final class HeaderFields {
    private static final String TIMEOUT_PARAMETER = "timeout=";

    final byte[] raw;
    /**
     * A request's fields: a token name spelled like a framing field ({@code Transfer_Encoding}) is dropped; a target's
     * response may carry one as any other field.
     */
    final boolean request;

    int count;
    /** Per field, four offsets into {@link #raw}: name start and end, value start and end (whitespace trimmed). */
    private int[] spans = new int[4 * 12];

    private byte[] kinds = new byte[12];

    /** Index of the first field of these kinds, or -1. */
    int host = -1;

    int connection = -1;
    int keepAlive = -1;
    int transferEncoding = -1;
    int transferEncodings;
    /** The value of Content-Length, -1 when absent; see {@link #badContentLength}, {@link #conflictingContentLength}. */
    long contentLength = -1;

    /** A Content-Length that is not a number. */
    boolean badContentLength;
    /** Content-Lengths that differ. */
    boolean conflictingContentLength;

    int contentLengths;
    /** The rule broken that weighs most; a response's head only notes line ends here. */
    DesyncReason worst = DesyncReason.COMPLIANT_REQUEST;
    /** Some line was not plainly a field: dropped, folded or refused. */
    private boolean irregular;

    int forwardedFor;
    /** The token {@link #nextToken} found last. */
    private int tokenStart;

    private int tokenEnd;

    private HeaderFields(byte[] raw, boolean request) {
        this.raw = raw;
        this.request = request;
    }

    /**
     * Parses the field lines of {@code raw} from {@code from} up to its empty line, or returns null when one of them
     * is not plainly a field (as a response's must be).
     */
    static HeaderFields parse(byte[] raw, int from) {
        HeaderFields f = new HeaderFields(raw, false);
        FieldLines.read(f, from);
        return f.irregular ? null : f;
    }

    /** Parses a request's field lines, noting in {@link #worst} what each strays from RFC 9112. */
    static HeaderFields classify(byte[] raw, int from) {
        HeaderFields f = new HeaderFields(raw, true);
        FieldLines.read(f, from);
        return f;
    }

    void note(DesyncReason reason) {
        worst = DesyncReason.worse(worst, reason);
    }

    /** A line that was dropped, folded or refused: {@link #parse} fails on it. */
    void irregular(DesyncReason reason) {
        irregular = true;
        note(reason);
    }

    int add(int ns, int ne, int vs, int ve, byte kind) {
        if (count == kinds.length) {
            kinds = Arrays.copyOf(kinds, count * 2);
            spans = Arrays.copyOf(spans, 4 * count * 2);
        }
        int i = count++;
        spans[4 * i] = ns;
        spans[4 * i + 1] = ne;
        spans[4 * i + 2] = vs;
        spans[4 * i + 3] = ve;
        kinds[i] = kind;
        switch (kind) {
            case FieldKinds.HOST -> host = host < 0 ? i : host;
            case FieldKinds.CONNECTION -> connection = connection < 0 ? i : connection;
            case FieldKinds.KEEP_ALIVE -> keepAlive = i;
            case FieldKinds.TRANSFER_ENCODING -> {
                transferEncoding = i;
                transferEncodings++;
            }
            case FieldKinds.CONTENT_LENGTH -> contentLength(i);
            case FieldKinds.FORWARDED_FOR -> forwardedFor++;
            default -> {}
        }
        return i;
    }

    /** Field {@code i}'s value goes on to {@code end}, over an obs-fold; it is forwarded with each fold a space. */
    void fold(int i, int end) {
        kinds[i] = FieldKinds.FOLDED;
        spans[4 * i + 3] = Math.max(spans[4 * i + 3], end);
    }

    void drop(int i) {
        kinds[i] = FieldKinds.DROPPED;
    }

    /** Content-Length is not forwarded beside Transfer-Encoding (RFC 9112 §6.3). */
    void dropContentLength() {
        for (int i = 0; i < count; i++) {
            if (kinds[i] == FieldKinds.CONTENT_LENGTH) {
                kinds[i] = FieldKinds.DROPPED;
            }
        }
    }

    /** How many times the Transfer-Encoding fields list {@code chunked}; -1 when they list anything else. */
    int chunkedCodings() {
        int chunked = 0;
        for (int i = 0; i < count; i++) {
            if (kinds[i] != FieldKinds.TRANSFER_ENCODING) {
                continue;
            }
            int end = valueEnd(i);
            int p = valueStart(i);
            do {
                p = nextToken(p, end);
                if (!tokenIs("chunked")) {
                    return -1;
                }
                chunked++;
            } while (p < end);
        }
        return chunked;
    }

    /** Identical repeats are one value (RFC 9112 §6.3); differing ones, or anything but digits, are refused. */
    private void contentLength(int i) {
        long n = 0;
        int s = valueStart(i);
        int e = valueEnd(i);
        if (e == s || e - s > 18) {
            badContentLength = true;
            return;
        }
        for (int p = s; p < e; p++) {
            byte c = raw[p];
            if (c < '0' || c > '9') {
                badContentLength = true;
                return;
            }
            n = n * 10 + (c - '0');
        }
        contentLengths++;
        if (contentLength < 0) {
            contentLength = n;
        } else if (contentLength == n) {
            kinds[i] = FieldKinds.DROPPED;
        } else {
            conflictingContentLength = true;
        }
    }

    /** Case-insensitive match of {@code raw[s, s+len)} against a lower-case ASCII name. */
    private boolean is(int s, int len, String lower) {
        return FieldKinds.is(raw, s, len, lower);
    }

    private int nameStart(int i) {
        return spans[4 * i];
    }

    private int nameEnd(int i) {
        return spans[4 * i + 1];
    }

    private int valueStart(int i) {
        return spans[4 * i + 2];
    }

    private int valueEnd(int i) {
        return spans[4 * i + 3];
    }

    byte kind(int i) {
        return kinds[i];
    }

    String value(int i) {
        return new String(raw, 0, valueStart(i), valueEnd(i) - valueStart(i));
    }

    /** True when the comma-separated value of field {@code i} lists {@code token} (lower-case), ignoring case. */
    boolean hasToken(int i, String token) {
        int end = valueEnd(i);
        for (int p = valueStart(i); p < end; ) {
            p = nextToken(p, end);
            if (tokenIs(token)) {
                return true;
            }
        }
        return false;
    }

    /** True when the last comma-separated token of field {@code i} is {@code token} (lower-case), ignoring case. */
    boolean lastTokenIs(int i, String token) {
        int end = valueEnd(i);
        boolean last = false;
        for (int p = valueStart(i); p < end; ) {
            p = nextToken(p, end);
            last = tokenIs(token);
        }
        return last;
    }

    /** Seconds from the {@code timeout=N} parameter of field {@code i} ({@code Keep-Alive: timeout=5, max=100}), or -1. */
    long timeoutSeconds(int i) {
        int end = valueEnd(i);
        int name = TIMEOUT_PARAMETER.length();
        for (int p = valueStart(i); p < end; ) {
            p = nextToken(p, end);
            if (tokenEnd - tokenStart > name && is(tokenStart, name, TIMEOUT_PARAMETER)) {
                return seconds(tokenStart + name, tokenEnd);
            }
        }
        return -1;
    }

    /** The digits that start at {@code from}, up to nine of them; -1 when there are none or more. */
    private long seconds(int from, int end) {
        long n = 0;
        int p = from;
        for (; p < end && raw[p] >= '0' && raw[p] <= '9'; p++) {
            if (p - from == 9) {
                return -1;
            }
            n = n * 10 + (raw[p] - '0');
        }
        return p == from ? -1 : n;
    }

    /** True when the whole value of field {@code i} is {@code token} (lower-case), ignoring case. */
    boolean valueIs(int i, String token) {
        return valueEnd(i) - valueStart(i) == token.length() && is(valueStart(i), token.length(), token);
    }

    private boolean tokenIs(String token) {
        return tokenEnd - tokenStart == token.length() && is(tokenStart, token.length(), token);
    }

    /**
     * Finds the comma-separated token that starts at {@code pos} in a value ending at {@code end}: sets
     * {@link #tokenStart} and {@link #tokenEnd} (whitespace trimmed) and returns where the next one starts.
     */
    private int nextToken(int pos, int end) {
        int comma = pos;
        while (comma < end && raw[comma] != ',') {
            comma++;
        }
        int ts = pos;
        int te = comma;
        while (ts < te && (raw[ts] == ' ' || raw[ts] == '\t')) {
            ts++;
        }
        while (te > ts && (raw[te - 1] == ' ' || raw[te - 1] == '\t')) {
            te--;
        }
        tokenStart = ts;
        tokenEnd = te;
        return comma + 1;
    }

    /** Keep-alive unless told {@code close} (HTTP/1.1), or only when told {@code keep-alive} (HTTP/1.0). */
    boolean keepAlive(boolean http10) {
        if (connection < 0) {
            return !http10;
        }
        for (int i = connection; i < count; i++) {
            if (kinds[i] == FieldKinds.CONNECTION && hasToken(i, "close")) {
                return false;
            }
        }
        if (!http10) {
            return true;
        }
        for (int i = connection; i < count; i++) {
            if (kinds[i] == FieldKinds.CONNECTION && hasToken(i, "keep-alive")) {
                return true;
            }
        }
        return false;
    }

    /** Marks the fields that a Connection header names as hop-by-hop (RFC 9110 §7.6.1), framing aside. */
    void dropConnectionOptions() {
        if (connection < 0) {
            return;
        }
        for (int c = connection; c < count; c++) {
            if (kinds[c] == FieldKinds.CONNECTION) {
                int end = valueEnd(c);
                for (int p = valueStart(c); p < end; ) {
                    p = nextToken(p, end);
                    dropNamed(tokenStart, tokenEnd - tokenStart);
                }
            }
        }
    }

    private void dropNamed(int ts, int len) {
        for (int i = 0; i < count; i++) {
            byte k = kinds[i];
            if (k == FieldKinds.OTHER
                    || k == FieldKinds.FOLDED
                    || k == FieldKinds.HOST
                    || k == FieldKinds.FORWARDED_FOR
                    || k == FieldKinds.FORWARDED_PROTO
                    || k == FieldKinds.FORWARDED_PORT) {
                if (nameEnd(i) - nameStart(i) == len && equalsIgnoreCase(nameStart(i), ts, len)) {
                    kinds[i] = FieldKinds.DROPPED;
                }
            }
        }
    }

    private boolean equalsIgnoreCase(int a, int b, int len) {
        for (int i = 0; i < len; i++) {
            int x = raw[a + i];
            int y = raw[b + i];
            if (x == y) {
                continue;
            }
            int lower = x | 0x20;
            if (lower != (y | 0x20) || lower < 'a' || lower > 'z') {
                return false;
            }
        }
        return true;
    }

    /** Writes field {@code i} as {@code name: value CRLF}. */
    void write(int i, ByteBuf out) {
        out.writeBytes(raw, nameStart(i), nameEnd(i) - nameStart(i));
        out.writeByte(':').writeByte(' ');
        if (kinds[i] == FieldKinds.FOLDED) {
            for (int p = valueStart(i); p < valueEnd(i); p++) {
                out.writeByte(raw[p] == '\r' || raw[p] == '\n' ? ' ' : raw[p]);
            }
        } else {
            out.writeBytes(raw, valueStart(i), valueEnd(i) - valueStart(i));
        }
        out.writeByte('\r').writeByte('\n');
    }

    /** Writes the values of every field of {@code kind}, joined by {@code ", "}. */
    void writeValues(byte kind, ByteBuf out) {
        boolean first = true;
        for (int i = 0; i < count; i++) {
            if (kinds[i] == kind) {
                if (!first) {
                    out.writeByte(',').writeByte(' ');
                }
                out.writeBytes(raw, valueStart(i), valueEnd(i) - valueStart(i));
                first = false;
            }
        }
    }

    /** Index of {@code b} in {@code raw} from {@code from}; the head's end guarantees there is one. */
    static int indexOf(byte[] raw, int from, byte b) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return raw.length;
    }
}
