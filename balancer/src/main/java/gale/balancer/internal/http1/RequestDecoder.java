package gale.balancer.internal.http1;

import gale.balancer.BalancerError;

/** Reads requests from a client: {@link RequestHead}s and their {@link BodyPart}s. */
public final class RequestDecoder extends MessageDecoder {
    /** Each limit applies apart: to the request line and to the header fields, as with Netty's decoder before. */
    public RequestDecoder(int maxHeaderBytes) {
        super(maxHeaderBytes, maxHeaderBytes);
    }

    /** Part of a request head has arrived and waits for the rest (what a request-header timeout is about). */
    public boolean partialHead() {
        return !body.active() && actualReadableBytes() > 0;
    }

    @Override
    Object head(byte[] raw, int startLineEnd) {
        RequestHead head = RequestHead.parse(raw, startLineEnd);
        if (head.error != null) {
            fail();
        } else if (head.chunked) {
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
