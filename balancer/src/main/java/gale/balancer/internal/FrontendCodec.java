package gale.balancer.internal;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * HTTP/1.1 server codec for client connections. Unlike Netty's default, which drops Content-Length when
 * Transfer-Encoding is present, a request with both is refused (request smuggling, RFC 9112 §6.3); and HEAD responses
 * are encoded without a body because the handler says which request a response answers. Decoder and encoder are two
 * plain pipeline handlers rather than one {@code CombinedChannelDuplexHandler}, whose indirection showed in profiles
 * (about 2% of the IO thread).
 */
final class FrontendCodec {
    private final Decoder decoder;
    private final Encoder encoder = new Encoder();

    FrontendCodec(int maxHeaderBytes) {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(maxHeaderBytes)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxChunkSize(64 * 1024)
                .setAllowDuplicateContentLengths(false);
        decoder = new Decoder(config);
    }

    /** Adds the decoder, then the encoder: the handler added after them reads requests and writes responses. */
    void addTo(ChannelPipeline pipeline) {
        pipeline.addLast(decoder, encoder);
    }

    /** The next response head answers a HEAD request. */
    void answeringHead(boolean head) {
        encoder.head = head;
    }

    static final class Decoder extends HttpRequestDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw SmugglingException.INSTANCE;
        }
    }

    static final class Encoder extends HttpResponseEncoder {
        boolean head;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (head && msg.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                return true;
            }
            return super.isContentAlwaysEmpty(msg);
        }
    }

    /** Preallocated and stackless: thrown on the hot path for hostile input. */
    static final class SmugglingException extends IllegalArgumentException {
        static final SmugglingException INSTANCE = new SmugglingException();

        private SmugglingException() {
            super("Content-Length and Transfer-Encoding together", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
