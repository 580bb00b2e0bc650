package gale.loadgen.http;

import gale.loadgen.plan.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request encoded once, before the test: every send writes a duplicate of the same bytes, so the hot path neither
 * encodes headers nor allocates buffers (wrk does the same).
 *
 * @param index the request's index in the engine's metrics
 */
public record PreparedRequest(
        int index, RequestSpec spec, Origin origin, ByteBuf bytes, boolean head, boolean needsBody) {

    /** Builds the wire form; {@code address} is the origin already resolved. */
    public static PreparedRequest of(int index, RequestSpec spec, InetSocketAddress address) {
        Origin origin = new Origin(spec.url().getHost(), spec.port(), spec.tls(), address);
        StringBuilder head = new StringBuilder(256);
        String path = spec.url().getRawPath() == null || spec.url().getRawPath().isEmpty()
                ? "/"
                : spec.url().getRawPath();
        if (spec.url().getRawQuery() != null) {
            path += "?" + spec.url().getRawQuery();
        }
        head.append(spec.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean defaultPort = spec.url().getPort() < 0;
        if (!has(spec.headers(), "host")) {
            head.append("Host: ")
                    .append(spec.url().getHost())
                    .append(defaultPort ? "" : ":" + spec.port())
                    .append("\r\n");
        }
        if (!has(spec.headers(), "user-agent")) {
            head.append("User-Agent: gale-load/0.1\r\n");
        }
        spec.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] body = spec.body() == null ? new byte[0] : spec.body().getBytes(StandardCharsets.UTF_8);
        if (body.length > 0
                || spec.method().equals("POST")
                || spec.method().equals("PUT")
                || spec.method().equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
            if (body.length > 0 && !has(spec.headers(), "content-type")) {
                String trimmed = spec.body().trim();
                boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
                head.append("Content-Type: ")
                        .append(json ? "application/json" : "text/plain; charset=utf-8")
                        .append("\r\n");
            }
        }
        head.append("\r\n");
        ByteBuf buf = Unpooled.directBuffer(head.length() + body.length)
                .writeBytes(head.toString().getBytes(StandardCharsets.UTF_8))
                .writeBytes(body);
        return new PreparedRequest(
                index,
                spec,
                origin,
                buf,
                spec.method().equals("HEAD"),
                spec.checks().needsBody());
    }

    /** Frees the encoded bytes once the engine has stopped. */
    public void release() {
        bytes.release();
    }

    private static boolean has(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    /** Where a request goes; connections are pooled per origin. */
    public record Origin(String host, int port, boolean tls, InetSocketAddress address) {}
}
