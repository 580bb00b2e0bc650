package gale.balancer.internal;

import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * HTTP/1.1 server codec for client connections. Unlike Netty's default, which drops Content-Length when
 * Transfer-Encoding is present, a request with both is refused (request smuggling, RFC 9112 §6.3); and HEAD responses
 * are encoded without a body because the handler says which request a response answers.
 */
final class FrontendCodec extends CombinedChannelDuplexHandler<FrontendCodec.Decoder, FrontendCodec.Encoder> {

    FrontendCodec(int maxHeaderBytes) {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(maxHeaderBytes)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxChunkSize(64 * 1024)
                .setAllowDuplicateContentLengths(false);
        init(new Decoder(config), new Encoder());
    }

    /** The next response head answers a HEAD request. */
    void answeringHead(boolean head) {
        outboundHandler().head = head;
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
