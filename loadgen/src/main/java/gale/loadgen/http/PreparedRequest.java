package gale.loadgen.http;

import gale.loadgen.plan.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request encoded once, before the test: every send writes a duplicate of the same bytes, so the hot path neither
 * encodes headers nor allocates buffers (wrk does the same). Journeys encode a fresh one per send with
 * {@link #encode}, since their URLs, headers and bodies hold variables.
 *
 * @param index the request's index in the engine's metrics
 * @param needsHeaders whether the response's header lines are kept (captures, header checks, cookies)
 * @param h2Headers the same request as HTTP/2 header fields (read-only once built: streams of every loop share it)
 * @param bodyOffset where the body starts in {@code bytes}
 */
public record PreparedRequest(
        int index,
        RequestSpec spec,
        Origin origin,
        ByteBuf bytes,
        boolean head,
        boolean needsBody,
        boolean needsHeaders,
        Http2Headers h2Headers,
        int bodyOffset) {

    /** Builds the wire form; {@code address} is the origin already resolved. */
    public static PreparedRequest of(int index, RequestSpec spec, InetSocketAddress address) {
        Origin origin = new Origin(spec.url().getHost(), spec.port(), spec.tls(), address);
        String path = spec.url().getRawPath() == null || spec.url().getRawPath().isEmpty()
                ? "/"
                : spec.url().getRawPath();
        if (spec.url().getRawQuery() != null) {
            path += "?" + spec.url().getRawQuery();
        }
        String host = spec.url().getHost() + (spec.url().getPort() < 0 ? "" : ":" + spec.port());
        return encode(
                index,
                spec,
                origin,
                path,
                host,
                spec.headers(),
                spec.body(),
                spec.checks().needsBody(),
                false);
    }

    /** Encodes {@code method target} with {@code headers} and {@code body} as one send to {@code origin}. */
    public static PreparedRequest encode(
            int index,
            RequestSpec spec,
            Origin origin,
            String target,
            String hostHeader,
            Map<String, String> headers,
            String body,
            boolean needsBody,
            boolean needsHeaders) {
        StringBuilder head = new StringBuilder(256);
        head.append(spec.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!has(headers, "host")) {
            head.append("Host: ").append(hostHeader).append("\r\n");
        }
        if (!has(headers, "user-agent")) {
            head.append("User-Agent: gale-load/0.1\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        Http2Headers h2 = H2Requests.headers(spec.method(), target, hostHeader, origin.tls(), headers);
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String method = spec.method();
        if (bodyBytes.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
            h2.setInt("content-length", bodyBytes.length);
            if (bodyBytes.length > 0 && !has(headers, "content-type")) {
                String trimmed = body.trim();
                boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
                String type = json ? "application/json" : "text/plain; charset=utf-8";
                head.append("Content-Type: ").append(type).append("\r\n");
                h2.set("content-type", type);
            }
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.directBuffer(headBytes.length + bodyBytes.length)
                .writeBytes(headBytes)
                .writeBytes(bodyBytes);
        return new PreparedRequest(
                index, spec, origin, buf, method.equals("HEAD"), needsBody, needsHeaders, h2, headBytes.length);
    }

    /** The body's bytes, for an HTTP/2 DATA frame; empty when there is none. */
    ByteBuf body() {
        return bytes.slice(bodyOffset, bytes.writerIndex() - bodyOffset);
    }

    /** Frees the encoded bytes once the engine has stopped (or, for a journey's request, once it ended). */
    public void release() {
        bytes.release();
    }

    private static boolean has(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    /** Where a request goes; connections are pooled per origin. */
    public record Origin(String host, int port, boolean tls, InetSocketAddress address) {}
}
