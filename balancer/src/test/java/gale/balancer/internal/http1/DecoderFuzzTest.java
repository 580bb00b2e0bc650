package gale.balancer.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gale.balancer.DesyncClassification;
import gale.balancer.DesyncMitigationMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * The request and response decoders (head parsers and body framing, chunked included) on arbitrary bytes: they end
 * every message with a head or a body part, reject with their own error objects, never throw, never hand out more
 * body bytes than arrived, and release every buffer. Seeds: DecoderFuzzTestInputs/.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void requests(byte[] input) {
        // The input's last byte picks the mode, so every mode's classification and decision is fuzzed too.
        DesyncMitigationMode mode = input.length == 0
                ? DesyncMitigationMode.DEFENSIVE
                : DesyncMitigationMode.values()[(input[input.length - 1] & 0xff) % 3];
        decode(new EmbeddedChannel(new RequestDecoder(8192, mode)), input, mode);
    }

    @FuzzTest(maxDuration = "10s")
    void responses(byte[] input) {
        decode(new EmbeddedChannel(new ResponseDecoder()), input, null);
    }

    /** {@code mode} is the request decoder's; null for responses. */
    private static void decode(EmbeddedChannel channel, byte[] input, DesyncMitigationMode mode) {
        // Two reads split where the input says, so the incremental search for the head's end is fuzzed too.
        int split = input.length == 0 ? 0 : (input[0] & 0xff) % (input.length + 1);
        ByteBuf first = Unpooled.buffer(split).writeBytes(input, 0, split);
        ByteBuf second = Unpooled.buffer(input.length - split).writeBytes(input, split, input.length - split);
        channel.writeInbound(first);
        channel.writeInbound(second);
        channel.finish();
        channel.checkException();

        long bodyBytes = 0;
        long declared = -1;
        Object message;
        while ((message = channel.readInbound()) != null) {
            try {
                if (message instanceof BodyPart part) {
                    bodyBytes += part.content().readableBytes();
                    assertThat(bodyBytes).isLessThanOrEqualTo(input.length);
                    if (declared >= 0) {
                        assertThat(bodyBytes).isLessThanOrEqualTo(declared);
                    }
                    if (part.last) {
                        bodyBytes = 0;
                    }
                } else if (mode != null) {
                    assertThat(message).isInstanceOf(RequestHead.class);
                    RequestHead head = (RequestHead) message;
                    bodyBytes = 0;
                    declared = head.error == null && !head.chunked ? head.contentLength : -1;
                    if (head.error == null) {
                        assertThat(head.contentLength).isGreaterThanOrEqualTo(0);
                        // what is forwarded is never Severe, and a strict listener forwards only Compliant
                        assertThat(head.desync.classification()).isNotEqualTo(DesyncClassification.SEVERE);
                        if (mode == DesyncMitigationMode.STRICTEST) {
                            assertThat(head.desync.classification()).isEqualTo(DesyncClassification.COMPLIANT);
                        }
                    }
                } else {
                    assertThat(message).isInstanceOf(ResponseHead.class);
                    bodyBytes = 0;
                    declared = -1;
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        // Body parts are slices of the input: once each is released, nothing may hold the input any more.
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }
}
