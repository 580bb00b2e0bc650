package gale.balancer.internal.fault;

import gale.balancer.TrafficFaultKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** The answers {@code http-error} makes in a target's place, marked so that nobody takes them for the target's. */
public final class FaultResponses {
    /** Names the fault that made the response; its value is the kind ({@code http-error}). */
    public static final String HEADER = "x-gale-fault";

    private FaultResponses() {}

    /** The whole response; without its body when it answers a HEAD request. */
    public static ByteBuf error(int status, ByteBufAllocator alloc, boolean close, boolean head) {
        String kind = TrafficFaultKind.HTTP_ERROR.label();
        String body = "injected fault: " + kind + "\n";
        StringBuilder s = new StringBuilder(160)
                .append("HTTP/1.1 ")
                .append(HttpResponseStatus.valueOf(status))
                .append("\r\ncontent-type: text/plain\r\ncontent-length: ")
                .append(body.length())
                .append("\r\n" + HEADER + ": ")
                .append(kind)
                .append("\r\n");
        if (close) {
            s.append("connection: close\r\n");
        }
        s.append("\r\n");
        if (!head) {
            s.append(body);
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.US_ASCII);
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }
}
