package gale.loadgen.http;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A request's HTTP/2 header fields: pseudo-headers from the request line and Host, the rest in lower case. */
final class H2Requests {

    /** Connection-specific fields, which RFC 9113 section 8.2.2 forbids in HTTP/2. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host");

    private H2Requests() {}

    static Http2Headers headers(
            String method, String target, String hostHeader, boolean tls, Map<String, String> headers) {
        // Header validation off: the plan's names and values were checked when the plan was read.
        Http2Headers h = new DefaultHttp2Headers(false, headers.size() + 6);
        h.method(method).scheme(tls ? "https" : "http").path(target).authority(hostHeader);
        boolean agent = false;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("host")) {
                h.authority(e.getValue()); // a Host the plan sets names the authority, as it would in HTTP/1.1
            } else if (name.equals("te") && !e.getValue().trim().equalsIgnoreCase("trailers")) {
                continue;
            } else if (!HOP_BY_HOP.contains(name)) {
                h.add(name, e.getValue());
                agent |= name.equals("user-agent");
            }
        }
        if (!agent) {
            h.add("user-agent", "gale-load/0.1");
        }
        return h;
    }
}
