package gale.balancer.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/**
 * Bytes of a message body as they arrived, chunked framing included (the proxy forwards it as is), and whether they
 * end the message. A malformed part carries no bytes and ends the connection's messages.
 */
public final class BodyPart extends DefaultByteBufHolder {
    static final BodyPart MALFORMED = new BodyPart(Unpooled.EMPTY_BUFFER, false, true);

    public final boolean last;
    public final boolean malformed;

    BodyPart(ByteBuf bytes, boolean last) {
        this(bytes, last, false);
    }

    private BodyPart(ByteBuf bytes, boolean last, boolean malformed) {
        super(bytes);
        this.last = last;
        this.malformed = malformed;
    }

    static BodyPart end() {
        return new BodyPart(Unpooled.EMPTY_BUFFER, true);
    }
}
