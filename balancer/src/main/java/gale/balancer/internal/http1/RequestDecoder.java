package gale.balancer.internal.http1;

import gale.balancer.BalancerError;
import gale.balancer.DesyncMitigationMode;

/**
 * Reads requests from a client: {@link RequestHead}s and their {@link BodyPart}s, each head classified and judged by
 * the listener's desync mitigation mode. Nothing after a head the mode refuses, or after the body of one it forwards
 * only to close, is read: where it starts can't be trusted.
 */
public final class RequestDecoder extends MessageDecoder {
    private final DesyncMitigationMode mode;

    /** Each limit applies apart: to the request line and to the header fields, as with Netty's decoder before. */
    public RequestDecoder(int maxHeaderBytes, DesyncMitigationMode mode) {
        super(maxHeaderBytes, maxHeaderBytes);
        this.mode = mode;
    }

    /** Part of a request head has arrived and waits for the rest (what a request-header timeout is about). */
    public boolean partialHead() {
        return !body.active() && actualReadableBytes() > 0;
    }

    @Override
    Object head(byte[] raw, int startLineEnd) {
        RequestHead head = RequestHead.parse(raw, startLineEnd, mode);
        if (head.error != null) {
            fail();
            return head;
        }
        if (head.closeAfter) {
            lastMessage();
        }
        if (head.chunked) {
            body.chunked();
        } else if (head.contentLength > 0) {
            body.length(head.contentLength);
        }
        return head;
    }

    @Override
    Object startLineTooLong() {
        return RequestHead.failed(BalancerError.URI_TOO_LONG);
    }

    @Override
    Object fieldsTooLarge() {
        return RequestHead.failed(BalancerError.HEADER_TOO_LARGE);
    }
}
