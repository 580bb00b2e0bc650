package gale.balancer.internal;

import gale.balancer.BalancerDefaults;
import gale.balancer.BalancerError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** The responses the balancer makes itself: status, {@code X-Gale-Error}, and the reason as a one-line body. */
final class ErrorResponses {
    private ErrorResponses() {}

    /** The whole response; without its body when it answers a HEAD request. */
    static ByteBuf of(BalancerError error, ByteBufAllocator alloc, boolean close, boolean head) {
        String body = error.header() + "\n";
        StringBuilder s = new StringBuilder(192)
                .append("HTTP/1.1 ")
                .append(HttpResponseStatus.valueOf(error.status()))
                .append("\r\ncontent-type: text/plain\r\ncontent-length: ")
                .append(body.length())
                .append("\r\nx-gale-error: ")
                .append(error.header())
                .append("\r\n");
        if (error.status() == 503) {
            s.append("retry-after: ")
                    .append(BalancerDefaults.RETRY_AFTER_SECONDS)
                    .append("\r\n");
        }
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
