package gale.balancer.internal.http1;

import io.netty.buffer.ByteBuf;

/** Reads responses from a target: {@link ResponseHead}s and their {@link BodyPart}s. */
public final class ResponseDecoder extends MessageDecoder {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /**
     * A body this small that arrives with its head goes to the client in the head's buffer. Copying it twice costs
     * less than sending it as a second buffer, which turns the write to the client from a send into a writev (~0.5 µs
     * more kernel time per response: bench/writev-vs-send.c).
     */
    static final int MAX_BODY_WITH_HEAD = 2048;

    /** The next final response answers a HEAD request: it has no body, whatever its fields say. */
    private boolean answersHead;

    public ResponseDecoder() {
        super(MAX_HEAD_BYTES, MAX_HEAD_BYTES);
    }

    public void answeringHead(boolean head) {
        answersHead = head;
    }

    @Override
    Object head(byte[] raw, int startLineEnd) {
        ResponseHead head = ResponseHead.parse(raw, startLineEnd, answersHead);
        switch (head.body) {
            case LENGTH -> body.length(head.contentLength());
            case CHUNKED -> body.chunked();
            case UNTIL_CLOSE -> body.untilClose();
            case NONE -> {
                if (head.failed()) {
                    fail();
                }
            }
        }
        return head;
    }

    @Override
    boolean takeWholeBody(Object head, ByteBuf body) {
        if (body.readableBytes() > MAX_BODY_WITH_HEAD) {
            return false;
        }
        ((ResponseHead) head).takeWholeBody(body);
        return true;
    }

    @Override
    Object startLineTooLong() {
        return ResponseHead.FAILED;
    }

    @Override
    Object fieldsTooLarge() {
        return ResponseHead.FAILED;
    }
}
