package gale.balancer.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/** Header names and the hop-by-hop rules of RFC 9110 §7.6.1, without regex or per-request lookups beyond need. */
final class Headers {
    static final AsciiString X_GALE_ERROR = AsciiString.cached("x-gale-error");
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString TIMEOUT = AsciiString.cached("timeout=");

    private Headers() {}

    /** Removes Connection, the headers it names, and the fixed hop-by-hop set (Transfer-Encoding stays: framing). */
    static void stripHopByHop(HttpHeaders h) {
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            removeConnectionTokens(h, connection);
            h.remove(HttpHeaderNames.CONNECTION);
        }
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(PROXY_CONNECTION);
        h.remove(HttpHeaderNames.PROXY_AUTHENTICATE);
        h.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRAILER);
        h.remove(HttpHeaderNames.UPGRADE);
    }

    /** Removes the headers a Connection header names (its options {@code close} and {@code keep-alive} aside). */
    static void removeConnectionTokens(HttpHeaders h, String connection) {
        int start = 0;
        int len = connection.length();
        while (start < len) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            String token = connection.substring(start, end).trim();
            if (!token.isEmpty()
                    && !token.equalsIgnoreCase("close")
                    && !token.equalsIgnoreCase("keep-alive")
                    && !token.equalsIgnoreCase("transfer-encoding")) {
                h.remove(token);
            }
            start = end + 1;
        }
    }

    /** True when the comma-separated {@code value} has {@code token} (case-insensitive). */
    static boolean hasToken(String value, AsciiString token) {
        int len = value.length();
        int start = 0;
        while (start < len) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            int s = start;
            int e = end;
            while (s < e && value.charAt(s) == ' ') {
                s++;
            }
            while (e > s && value.charAt(e - 1) == ' ') {
                e--;
            }
            if (e - s == token.length() && value.regionMatches(true, s, token.toString(), 0, e - s)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Seconds from {@code Keep-Alive: timeout=5, max=100}, or -1. */
    static long keepAliveTimeoutSeconds(String value) {
        int i = AsciiString.indexOfIgnoreCaseAscii(value, TIMEOUT, 0);
        if (i < 0) {
            return -1;
        }
        long n = 0;
        int digits = 0;
        for (int p = i + TIMEOUT.length(); p < value.length(); p++) {
            char c = value.charAt(p);
            if (c < '0' || c > '9') {
                break;
            }
            n = n * 10 + (c - '0');
            if (++digits > 9) {
                return -1;
            }
        }
        return digits == 0 ? -1 : n;
    }
}
