package gale.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    private static final String NGINX = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 13\r\nConnection: keep-alive\r\n\r\nHello, World!";

    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "7\r\nHello, \r\n6;ext=1\r\nWorld!\r\n0\r\nX-Trailer: t\r\n\r\n";

    private final ResponseParser parser = new ResponseParser();

    @Test
    void readsStatusKeepAliveAndLengthDelimitedBody() {
        StringBuilder body = new StringBuilder();
        parser.start(false);
        ByteBuf in = bytes(NGINX + "HTTP/1.1");

        assertThat(parser.feed(in, body, 1024)).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.keepAlive()).isTrue();
        assertThat(body).hasToString("Hello, World!");
        assertThat(in.readableBytes())
                .as("bytes past the response are left unread")
                .isEqualTo(8);
    }

    @Test
    void endsAtEveryPossibleSplitOfTheBytes() {
        for (String response : new String[] {NGINX, CHUNKED}) {
            byte[] all = response.getBytes(StandardCharsets.US_ASCII);
            for (int cut = 1; cut < all.length; cut++) {
                StringBuilder body = new StringBuilder();
                parser.start(false);
                assertThat(parser.feed(Unpooled.wrappedBuffer(all, 0, cut), body, 1024))
                        .as("ended early at cut %d", cut)
                        .isFalse();
                assertThat(parser.feed(Unpooled.wrappedBuffer(all, cut, all.length - cut), body, 1024))
                        .as("cut %d of %s", cut, response)
                        .isTrue();
                assertThat(body).hasToString("Hello, World!");
            }
        }
    }

    @Test
    void readsOneByteAtATime() {
        byte[] all = CHUNKED.getBytes(StandardCharsets.US_ASCII);
        StringBuilder body = new StringBuilder();
        parser.start(false);
        boolean ended = false;
        for (int i = 0; i < all.length; i++) {
            ended = parser.feed(Unpooled.wrappedBuffer(all, i, 1), body, 1024);
            assertThat(ended).isEqualTo(i == all.length - 1);
        }
        assertThat(body).hasToString("Hello, World!");
    }

    @Test
    void capsTheBodyItKeepsButReadsToTheEnd() {
        StringBuilder body = new StringBuilder();
        parser.start(false);
        assertThat(parser.feed(bytes(NGINX), body, 5)).isTrue();
        assertThat(body).hasToString("Hello");
    }

    @Test
    void skipsInterimResponsesAndKnowsBodilessOnes() {
        parser.start(false);
        assertThat(parser.feed(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"), null, 0))
                .isTrue();
        assertThat(parser.status()).isEqualTo(204);

        parser.start(true);
        assertThat(parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n"), null, 0))
                .as("a response to HEAD has no body whatever its length says")
                .isTrue();

        parser.start(false);
        assertThat(parser.feed(bytes("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"), null, 0))
                .isTrue();
    }

    @Test
    void followsTheConnectionHeaderAndTheVersionDefault() {
        parser.start(false);
        parser.feed(bytes("HTTP/1.1 200 OK\r\nconnection: Close\r\ncontent-length: 0\r\n\r\n"), null, 0);
        assertThat(parser.keepAlive()).isFalse();

        parser.start(false);
        parser.feed(bytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), null, 0);
        assertThat(parser.keepAlive())
                .as("HTTP/1.0 closes unless told otherwise")
                .isFalse();

        parser.start(false);
        parser.feed(bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"), null, 0);
        assertThat(parser.keepAlive()).isTrue();
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheConnectionCloses() {
        StringBuilder body = new StringBuilder();
        parser.start(false);
        assertThat(parser.feed(bytes("HTTP/1.1 200 OK\r\n\r\nsome"), body, 1024))
                .isFalse();
        assertThat(parser.feed(bytes(" more"), body, 1024)).isFalse();
        assertThat(parser.endsAtClose()).isTrue();
        assertThat(parser.keepAlive()).isFalse();
        assertThat(body).hasToString("some more");
    }

    @Test
    void rejectsWhatMakesTheFramingUnknowable() {
        for (String bad : new String[] {
            "SSH-2.0-OpenSSH\r\n",
            "HTTP/1.1 2x0 OK\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\n"
        }) {
            parser.start(false);
            assertThatThrownBy(() -> parser.feed(bytes(bad), null, 0))
                    .as(bad)
                    .isInstanceOf(ResponseParser.Malformed.class);
        }
        parser.start(false);
        ByteBuf longLine = bytes("HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(ResponseParser.MAX_LINE) + "\r\n");
        assertThatThrownBy(() -> parser.feed(longLine, null, 0)).isInstanceOf(ResponseParser.Malformed.class);
    }

    @Test
    void passesOverHeadersThatDoNotFrameTheMessage() {
        parser.start(false);
        ByteBuf in = bytes("HTTP/1.1 200 OK\r\nServer: x\r\nDate: " + "d".repeat(3000)
                + "\r\nno colon, not read\r\nContent-Length: 2\r\n\r\nok");
        assertThat(parser.feed(in, null, 0)).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(in.isReadable()).isFalse();
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
