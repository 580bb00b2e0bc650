package gale.balancer.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits an HTTP/1.1 byte stream into a head object per message and {@link BodyPart}s. The head is copied once, out
 * of the receive buffer, and parsed by the subclass, which also says how the body is framed; body bytes are passed on
 * as slices. After a malformed message the rest of the stream is discarded: nothing after it can be trusted.
 */
abstract class MessageDecoder extends ByteToMessageDecoder {
    private final int maxStartLine;
    private final int maxFields;
    final BodyFraming body = new BodyFraming();
    /** Bytes at the start of the buffer already searched for the head's end: whole lines, none of them empty. */
    private int searched;
    /** Length of the start line through its LF, once seen. */
    private int startLine = -1;

    private boolean failed;
    /** The message being read is the last this stream's bytes are read as. */
    private boolean last;

    MessageDecoder(int maxStartLine, int maxFields) {
        this.maxStartLine = maxStartLine;
        this.maxFields = maxFields;
    }

    /** Parses a whole head ({@code raw} ends with its empty line) and sets up {@link #body} for what follows. */
    abstract Object head(byte[] raw, int startLineEnd);

    /** The start line is longer than allowed. */
    abstract Object startLineTooLong();

    /** The header section is larger than allowed. */
    abstract Object fieldsTooLarge();

    /**
     * Offers a head the whole of its body when both arrived in one read; true when the head took a copy of
     * {@code body}, to be forwarded with it in one write, and no {@link BodyPart} follows it.
     */
    boolean takeWholeBody(Object head, ByteBuf body) {
        return false;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Object headWithoutBody = null; // a head read in this call, none of whose body was read yet
        while (in.isReadable() && !failed) {
            if (body.active()) {
                BodyPart part = body.read(in);
                if (part == null) {
                    break;
                }
                if (headWithoutBody != null && part.last && takeWholeBody(headWithoutBody, part.content())) {
                    part.release();
                } else {
                    out.add(part);
                    failed = part.malformed;
                }
                headWithoutBody = null;
                continue;
            }
            if (last) {
                failed = true;
                break;
            }
            int length = headLength(in, out);
            if (length <= 0) {
                break;
            }
            byte[] raw = new byte[length];
            in.readBytes(raw);
            int lineEnd = startLine - 1;
            searched = 0;
            startLine = -1;
            headWithoutBody = head(raw, lineEnd);
            out.add(headWithoutBody);
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    protected final void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!failed) {
            BodyPart end = body.closed();
            if (end != null) {
                out.add(end);
            }
        }
    }

    /** Marks the stream as unreadable from here on. */
    final void fail() {
        failed = true;
    }

    /** Marks the stream as unreadable after the message whose head was just read. */
    final void lastMessage() {
        last = true;
    }

    /** The head's length through its empty line, 0 while it is incomplete, -1 when it is too large. */
    private int headLength(ByteBuf in, List<Object> out) {
        if (searched == 0) { // blank lines before a message are ignored (RFC 9112 §2.2)
            while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
                in.skipBytes(1);
            }
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int pos = start + searched;
        while (true) {
            int lf = in.indexOf(pos, end, (byte) '\n');
            if (lf < 0) {
                searched = pos - start; // the incomplete line is searched again when more arrives
                return tooLarge(end - start, out) ? -1 : 0;
            }
            if (startLine < 0) {
                startLine = lf + 1 - start;
            } else if (lf == pos || (lf == pos + 1 && in.getByte(pos) == '\r')) {
                return tooLarge(lf + 1 - start, out) ? -1 : lf + 1 - start;
            }
            pos = lf + 1;
            if (tooLarge(pos - start, out)) {
                return -1;
            }
        }
    }

    private boolean tooLarge(int bytes, List<Object> out) {
        Object error = null;
        if (startLine < 0 ? bytes > maxStartLine : startLine > maxStartLine + 2) { // + CRLF
            error = startLineTooLong();
        } else if (startLine >= 0 && bytes - startLine > maxFields) {
            error = fieldsTooLarge();
        }
        if (error == null) {
            return false;
        }
        failed = true;
        out.add(error);
        return true;
    }
}
