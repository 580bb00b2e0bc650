package gale.balancer.internal.proxy;

import gale.balancer.BalancerDefaults;
import gale.balancer.BalancerError;
import gale.balancer.internal.http1.DesyncReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The responses the balancer makes itself: status, {@code X-Gale-Error}, and the reason as a one-line body. */
final class ErrorResponses {
    /** How long a connection we close after an error keeps reading (and discarding) so the client sees the error. */
    private static final long LINGER_MILLIS = 2000;

    private ErrorResponses() {}

    /** The answer to a request whose target could not be connected to. */
    static BalancerError connectFailed(Throwable cause) {
        return cause instanceof ConnectTimeoutException
                ? BalancerError.TARGET_CONNECT_TIMEOUT
                : BalancerError.TARGET_REFUSED;
    }

    /**
     * The whole response; without its body when it answers a HEAD request; with the request's desync classification
     * and reason when {@code desync} is set.
     */
    static ByteBuf of(BalancerError error, ByteBufAllocator alloc, boolean close, boolean head, DesyncReason desync) {
        String body = error.header() + "\n";
        StringBuilder s = new StringBuilder(192)
                .append("HTTP/1.1 ")
                .append(HttpResponseStatus.valueOf(error.status()))
                .append("\r\ncontent-type: text/plain\r\ncontent-length: ")
                .append(body.length())
                .append("\r\nx-gale-error: ")
                .append(error.header())
                .append("\r\n");
        if (desync != null) {
            s.append("x-gale-desync-classification: ")
                    .append(desync.classification().label())
                    .append("\r\nx-gale-desync-reason: ")
                    .append(desync.label())
                    .append("\r\n");
        }
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

    /**
     * Half-closes, then reads and discards what the client still sends, so it reads our answer instead of a reset.
     */
    static void linger(Channel ch) {
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            ch.close();
            return;
        }
        duplex.shutdownOutput().addListener(f -> {
            ch.config().setAutoRead(true); // discard what the client still sends
            ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
