package gale.balancer.internal.http1;

/**
 * The kinds of header field the proxy tells apart by name, and the characters a field name may hold. The hop-by-hop
 * ones (RFC 9110 §7.6.1) and those the proxy rewrites are never forwarded.
 */
final class FieldKinds {
    static final byte OTHER = 0;

    static final byte HOST = 1;
    static final byte CONTENT_LENGTH = 2;
    static final byte TRANSFER_ENCODING = 3;
    static final byte CONNECTION = 4;
    static final byte KEEP_ALIVE = 5;
    static final byte HOP_BY_HOP = 6;
    static final byte FORWARDED_FOR = 7;
    static final byte FORWARDED_PROTO = 8;
    static final byte FORWARDED_PORT = 9;
    /** Dropped on the way through: a duplicate Content-Length, or a field the Connection header names. */
    static final byte DROPPED = 10;
    /** An ordinary field with obs-fold lines (RFC 9112 §5.2): forwarded with each fold a space. */
    static final byte FOLDED = 11;

    private static final byte[] TOKEN = tokenChars();

    private FieldKinds() {}

    /** The kind of the field whose name is {@code raw[s, s+len)}. */
    static byte of(byte[] raw, int s, int len) {
        return switch (len) {
            case 2 -> is(raw, s, len, "te") ? HOP_BY_HOP : OTHER;
            case 4 -> is(raw, s, len, "host") ? HOST : OTHER;
            case 7 -> is(raw, s, len, "trailer") || is(raw, s, len, "upgrade") ? HOP_BY_HOP : OTHER;
            case 10 -> is(raw, s, len, "connection") ? CONNECTION : is(raw, s, len, "keep-alive") ? KEEP_ALIVE : OTHER;
            case 14 -> is(raw, s, len, "content-length") ? CONTENT_LENGTH : OTHER;
            case 15 -> is(raw, s, len, "x-forwarded-for") ? FORWARDED_FOR : OTHER;
            case 16 ->
                is(raw, s, len, "x-forwarded-port")
                        ? FORWARDED_PORT
                        : is(raw, s, len, "proxy-connection") ? HOP_BY_HOP : OTHER;
            case 17 ->
                is(raw, s, len, "transfer-encoding")
                        ? TRANSFER_ENCODING
                        : is(raw, s, len, "x-forwarded-proto") ? FORWARDED_PROTO : OTHER;
            case 18 -> is(raw, s, len, "proxy-authenticate") ? HOP_BY_HOP : OTHER;
            case 19 -> is(raw, s, len, "proxy-authorization") ? HOP_BY_HOP : OTHER;
            default -> OTHER;
        };
    }

    /** Case-insensitive match of {@code raw[s, s+len)} against a lower-case ASCII name. */
    static boolean is(byte[] raw, int s, int len, String lower) {
        for (int i = 0; i < len; i++) {
            int c = raw[s + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static byte[] tokenChars() {
        byte[] t = new byte[256];
        for (int c = '0'; c <= '9'; c++) {
            t[c] = 1;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            t[c] = 1;
            t[c - 32] = 1;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            t[c] = 1;
        }
        return t;
    }

    static boolean isToken(byte b) {
        return TOKEN[b & 0xff] != 0;
    }
}
