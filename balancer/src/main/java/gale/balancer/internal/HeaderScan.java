package gale.balancer.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * One pass over a message's headers that finds everything the proxy needs (framing, keep-alive, hop-by-hop,
 * forwarding), so the hot path does a few comparisons instead of a dozen hash lookups. Reused per connection: one
 * scan at a time, on one event loop.
 */
final class HeaderScan {
    private static final AsciiString[] HOP_BY_HOP = {
        HttpHeaderNames.CONNECTION,
        HttpHeaderNames.KEEP_ALIVE,
        AsciiString.cached("proxy-connection"),
        HttpHeaderNames.PROXY_AUTHENTICATE,
        HttpHeaderNames.PROXY_AUTHORIZATION,
        HttpHeaderNames.TE,
        HttpHeaderNames.TRAILER,
        HttpHeaderNames.UPGRADE
    };

    String connection;
    String keepAlive;
    String transferEncoding;
    int transferEncodings;
    String contentLength;
    String forwardedFor;
    boolean forwardedProto;
    boolean forwardedPort;
    /** Bit i set when {@code HOP_BY_HOP[i]} is present. */
    private int hopByHop;

    HeaderScan scan(HttpHeaders headers) {
        connection = null;
        keepAlive = null;
        transferEncoding = null;
        transferEncodings = 0;
        contentLength = null;
        forwardedFor = null;
        forwardedProto = false;
        forwardedPort = false;
        hopByHop = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            switch (name.length()) {
                case 2, 7, 18, 19 -> hop(name);
                case 10 -> {
                    if (is(name, HttpHeaderNames.CONNECTION)) {
                        connection = e.getValue().toString();
                        hopByHop |= 1;
                    } else if (is(name, HttpHeaderNames.KEEP_ALIVE)) {
                        keepAlive = e.getValue().toString();
                        hopByHop |= 2;
                    }
                }
                case 14 -> {
                    if (is(name, HttpHeaderNames.CONTENT_LENGTH)) {
                        contentLength = e.getValue().toString();
                    }
                }
                case 15 -> {
                    if (is(name, Headers.X_FORWARDED_FOR)) {
                        forwardedFor =
                                forwardedFor == null ? e.getValue().toString() : forwardedFor + ", " + e.getValue();
                    }
                }
                case 16 -> {
                    if (is(name, Headers.X_FORWARDED_PORT)) {
                        forwardedPort = true;
                    } else {
                        hop(name);
                    }
                }
                case 17 -> {
                    if (is(name, HttpHeaderNames.TRANSFER_ENCODING)) {
                        transferEncoding = e.getValue().toString();
                        transferEncodings++;
                    } else if (is(name, Headers.X_FORWARDED_PROTO)) {
                        forwardedProto = true;
                    }
                }
                default -> {}
            }
        }
        return this;
    }

    private void hop(CharSequence name) {
        for (int i = 2; i < HOP_BY_HOP.length; i++) {
            if (is(name, HOP_BY_HOP[i])) {
                hopByHop |= 1 << i;
                return;
            }
        }
    }

    private static boolean is(CharSequence name, AsciiString known) {
        return known.contentEqualsIgnoreCase(name);
    }

    /** HTTP/1.1 keeps alive unless told {@code close}; HTTP/1.0 only when told {@code keep-alive}. */
    boolean keepAlive(boolean http11) {
        if (connection == null) {
            return http11;
        }
        if (Headers.hasToken(connection, HttpHeaderValues.CLOSE)) {
            return false;
        }
        return http11 || Headers.hasToken(connection, HttpHeaderValues.KEEP_ALIVE);
    }

    boolean chunked() {
        return transferEncoding != null && Headers.hasToken(transferEncoding, HttpHeaderValues.CHUNKED);
    }

    /** Removes the hop-by-hop headers this scan found, and those the Connection header names. */
    void stripHopByHop(HttpHeaders headers) {
        if (hopByHop == 0) {
            return;
        }
        if (connection != null) {
            Headers.removeConnectionTokens(headers, connection);
        }
        for (int i = 0; i < HOP_BY_HOP.length; i++) {
            if ((hopByHop & (1 << i)) != 0) {
                headers.remove(HOP_BY_HOP[i]);
            }
        }
    }
}
