package gale.balancer.internal;

import gale.balancer.BalancerDefaults;
import gale.balancer.BalancerError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The responses the balancer makes itself: status, {@code X-Gale-Error}, and the reason as a one-line body. */
final class ErrorResponses {
    private ErrorResponses() {}

    static FullHttpResponse of(BalancerError error, ByteBufAllocator alloc, boolean close) {
        byte[] body = (error.header() + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuf content = alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse r =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(error.status()), content);
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(Headers.X_GALE_ERROR, error.header());
        if (error.status() == 503) {
            h.setInt(HttpHeaderNames.RETRY_AFTER, BalancerDefaults.RETRY_AFTER_SECONDS);
        }
        if (close) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }
}
