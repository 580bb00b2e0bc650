package gale.balancer.internal.proxy;

import gale.balancer.BalancerDefaults;
import gale.balancer.BalancerError;
import gale.balancer.TrafficFaultKind;
import gale.balancer.internal.http1.DesyncReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The responses the balancer makes itself: status, {@code X-Gale-Error}, and the reason as a one-line body; and the
 * errors a traffic fault answers with.
 */
final class ErrorResponses {
    /** How long a connection we close after an error keeps reading (and discarding) so the client sees the error. */
    private static final long LINGER_MILLIS = 2000;
    /** Names the fault that made a response; its value is the kind ({@code http-error}). */
    static final String FAULT_HEADER = "x-gale-fault";

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
        StringBuilder fields = new StringBuilder(96)
                .append("x-gale-error: ")
                .append(error.header())
                .append("\r\n");
        if (desync != null) {
            fields.append("x-gale-desync-classification: ")
                    .append(desync.classification().label())
                    .append("\r\nx-gale-desync-reason: ")
                    .append(desync.label())
                    .append("\r\n");
        }
        if (error.status() == 503) {
            fields.append("retry-after: ")
                    .append(BalancerDefaults.RETRY_AFTER_SECONDS)
                    .append("\r\n");
        }
        return plainText(error.status(), error.header() + "\n", fields, alloc, close, head);
    }

    /**
     * What {@code http-error} answers in a target's place, marked with {@code x-gale-fault} so that nobody takes it
     * for the target's; without its body when it answers a HEAD request.
     */
    static ByteBuf injectedFault(int status, ByteBufAllocator alloc, boolean close, boolean head) {
        String kind = TrafficFaultKind.HTTP_ERROR.label();
        return plainText(
                status, "injected fault: " + kind + "\n", FAULT_HEADER + ": " + kind + "\r\n", alloc, close, head);
    }

    /** A text/plain response with {@code fields} (each line ending in CRLF) after its content-length. */
    private static ByteBuf plainText(
            int status, String body, CharSequence fields, ByteBufAllocator alloc, boolean close, boolean head) {
        StringBuilder s = new StringBuilder(192)
                .append("HTTP/1.1 ")
                .append(HttpResponseStatus.valueOf(status))
                .append("\r\ncontent-type: text/plain\r\ncontent-length: ")
                .append(body.length())
                .append("\r\n")
                .append(fields);
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
