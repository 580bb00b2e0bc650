package gale.balancer.internal;

import io.netty.util.AsciiString;

/** Values of header fields that the data path reads beyond framing. */
final class Headers {
    private static final AsciiString TIMEOUT = AsciiString.cached("timeout=");

    private Headers() {}

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
