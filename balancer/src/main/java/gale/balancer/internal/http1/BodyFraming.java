package gale.balancer.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Finds where a message body ends (RFC 9112 §6.3, §7.1) without copying or re-encoding it: by its length, by its
 * chunked framing, or by the connection's close. What it reads is handed on as slices of the bytes received.
 */
final class BodyFraming {
    /** Chunk-size and trailer lines longer than this are refused: they are attacks, not framing. */
    private static final int MAX_LINE = 4096;
    /** The trailer section of a chunked body, at most. */
    private static final int MAX_TRAILERS = 16 * 1024;

    private enum State {
        NONE,
        LENGTH,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE
    }

    private State state = State.NONE;
    private long remaining;
    private int trailerBytes;

    /** True while a body is being read. */
    boolean active() {
        return state != State.NONE;
    }

    void length(long length) {
        state = State.LENGTH;
        remaining = length;
    }

    void chunked() {
        state = State.CHUNK_SIZE;
        trailerBytes = 0;
    }

    void untilClose() {
        state = State.UNTIL_CLOSE;
    }

    /** Consumes what {@code in} holds of the body: a part, null when nothing can be consumed yet. */
    BodyPart read(ByteBuf in) {
        return switch (state) {
            case NONE -> null;
            case LENGTH -> {
                int n = (int) Math.min(remaining, in.readableBytes());
                remaining -= n;
                boolean last = remaining == 0;
                if (last) {
                    state = State.NONE;
                }
                yield new BodyPart(in.readRetainedSlice(n), last);
            }
            case UNTIL_CLOSE -> new BodyPart(in.readRetainedSlice(in.readableBytes()), false);
            default -> readChunked(in);
        };
    }

    /** The connection closed: the end of a body delimited by it, or null when the body was cut short. */
    BodyPart closed() {
        if (state == State.UNTIL_CLOSE) {
            state = State.NONE;
            return BodyPart.end();
        }
        return null;
    }

    private BodyPart readChunked(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int pos = start;
        boolean last = false;
        scan:
        while (pos < end) {
            switch (state) {
                case CHUNK_SIZE -> {
                    int lf = in.indexOf(pos, Math.min(end, pos + MAX_LINE), (byte) '\n');
                    if (lf < 0) {
                        if (end - pos >= MAX_LINE) {
                            return malformed();
                        }
                        break scan;
                    }
                    long size = chunkSize(in, pos, lf);
                    if (size < 0) {
                        return malformed();
                    }
                    pos = lf + 1;
                    if (size == 0) {
                        state = State.TRAILERS;
                    } else {
                        remaining = size;
                        state = State.CHUNK_DATA;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    byte b = in.getByte(pos);
                    if (b == '\n') {
                        pos++;
                    } else if (b != '\r') {
                        return malformed();
                    } else if (pos + 1 == end) {
                        break scan;
                    } else if (in.getByte(pos + 1) == '\n') {
                        pos += 2;
                    } else {
                        return malformed();
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    int lf = in.indexOf(pos, end, (byte) '\n');
                    if (lf < 0) {
                        if (trailerBytes + end - pos > MAX_TRAILERS) {
                            return malformed();
                        }
                        break scan;
                    }
                    boolean empty = lf == pos || (lf == pos + 1 && in.getByte(pos) == '\r');
                    trailerBytes += lf + 1 - pos;
                    if (trailerBytes > MAX_TRAILERS) {
                        return malformed();
                    }
                    pos = lf + 1;
                    if (empty) {
                        state = State.NONE;
                        last = true;
                        break scan;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        if (pos == start && !last) {
            return null;
        }
        return new BodyPart(pos == start ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice(pos - start), last);
    }

    /** Hex digits, then optional whitespace and extensions; -1 when there are none or too many. */
    private static long chunkSize(ByteBuf in, int from, int lf) {
        long size = 0;
        int digits = 0;
        int p = from;
        for (; p < lf; p++) {
            int d = Character.digit(in.getByte(p), 16);
            if (d < 0) {
                break;
            }
            if (++digits > 15) {
                return -1;
            }
            size = size * 16 + d;
        }
        if (digits == 0) {
            return -1;
        }
        byte next = in.getByte(p);
        if (p < lf && next != ';' && next != ' ' && next != '\t' && !(next == '\r' && p + 1 == lf)) {
            return -1;
        }
        return size;
    }

    private BodyPart malformed() {
        state = State.NONE;
        return BodyPart.MALFORMED;
    }
}
