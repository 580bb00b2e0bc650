package gale.balancer.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import gale.balancer.BalancerError;
import gale.balancer.DesyncMitigationMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {
    private static final byte[] IP = "10.0.0.7".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PORT = "8080".getBytes(StandardCharsets.US_ASCII);

    @Test
    void forwardedRequestDropsHopByHopFieldsAndSaysWhoAsked() {
        RequestHead head = (RequestHead) decode(
                        new RequestDecoder(8192, DesyncMitigationMode.DEFENSIVE),
                        "GET /a?b=1 HTTP/1.0\r\n"
                                + "Host: example\r\n"
                                + "Connection: keep-alive, X-Secret\r\n"
                                + "X-Secret: 1\r\n"
                                + "Keep-Alive: timeout=5\r\n"
                                + "TE: trailers\r\n"
                                + "Upgrade: h2c\r\n"
                                + "Proxy-Authorization: Basic x\r\n"
                                + "X-Forwarded-For: 1.2.3.4\r\n"
                                + "X-Forwarded-Proto: https\r\n"
                                + "X-Kept:  yes \r\n"
                                + "\r\n")
                .get(0);

        assertThat(head.error).isNull();
        assertThat(head.method).isEqualTo("GET");
        assertThat(head.uri()).isEqualTo("/a?b=1");
        assertThat(head.host()).isEqualTo("example");
        assertThat(head.keepAlive()).isTrue();
        assertThat(head.bodyless()).isTrue();
        assertThat(text(head.forward(ByteBufAllocator.DEFAULT, IP, PORT)))
                .isEqualTo("GET /a?b=1 HTTP/1.1\r\n"
                        + "Host: example\r\n"
                        + "X-Kept: yes\r\n"
                        + "x-forwarded-for: 1.2.3.4, 10.0.0.7\r\n"
                        + "x-forwarded-proto: http\r\n"
                        + "x-forwarded-port: 8080\r\n"
                        + "\r\n");
    }

    @Test
    void aChunkedRequestReadsTheSameWhereverItsBytesAreSplit() {
        String request = "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: x\r\n\r\n";
        String body = "5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n";
        for (int split = 1; split < request.length(); split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new RequestDecoder(8192, DesyncMitigationMode.DEFENSIVE));
            ch.writeInbound(buf(request.substring(0, split)));
            ch.writeInbound(buf(request.substring(split)));
            List<Object> out = drain(ch);

            assertThat(((RequestHead) out.get(0)).chunked)
                    .as("split at %d", split)
                    .isTrue();
            StringBuilder relayed = new StringBuilder();
            int i = 1;
            for (; out.get(i) instanceof BodyPart part; i++) {
                relayed.append(part.content().toString(StandardCharsets.US_ASCII));
                assertThat(part.last)
                        .as("split at %d, relayed %s", split, relayed)
                        .isEqualTo(relayed.length() == body.length());
                part.release();
            }
            assertThat(relayed).as("split at %d", split).hasToString(body);
            assertThat(((RequestHead) out.get(i)).uri()).isEqualTo("/next");
            assertThat(out).hasSize(i + 1);
        }
    }

    @Test
    void pipelinedRequestsComeOutOneByOne() {
        List<Object> out = decode(
                new RequestDecoder(8192, DesyncMitigationMode.DEFENSIVE),
                "\r\nGET /1 HTTP/1.1\r\n\r\nPUT /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcDELETE /3 HTTP/1.1\n\n");

        assertThat(out).hasSize(4);
        assertThat(((RequestHead) out.get(0)).uri()).isEqualTo("/1");
        assertThat(((RequestHead) out.get(1)).contentLength).isEqualTo(3);
        BodyPart body = (BodyPart) out.get(2);
        assertThat(body.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(body.last).isTrue();
        body.release();
        assertThat(((RequestHead) out.get(3)).method).isEqualTo("DELETE");
    }

    @Test
    void requestsThatCouldBeReadTwoWaysAreRefused() {
        assertThat(error("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"))
                .isEqualTo(BalancerError.SMUGGLING);
        assertThat(error("GET / HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n")).isEqualTo(BalancerError.SMUGGLING);
        assertThat(error("GET / HTTP/1.1\r\nContent-Length: +1\r\n\r\n")).isEqualTo(BalancerError.SMUGGLING);
        assertThat(error("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
                .isEqualTo(BalancerError.SMUGGLING);
        assertThat(error("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n")).isEqualTo(BalancerError.MALFORMED);
        assertThat(error("GET  / HTTP/1.1\r\n\r\n")).isEqualTo(BalancerError.MALFORMED);
        assertThat(error("GET / HTTP/2.0\r\n\r\n")).isEqualTo(BalancerError.MALFORMED);
    }

    @Test
    void anAmbiguousRequestIsForwardedReadOneWayAndIsTheLastOneRead() {
        List<Object> out = decode(
                new RequestDecoder(8192, DesyncMitigationMode.DEFENSIVE),
                "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nX: a\r\n\r\n"
                        + "0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n");

        RequestHead head = (RequestHead) out.get(0);
        assertThat(head.error).isNull();
        assertThat(head.desync).isEqualTo(DesyncReason.BOTH_TE_CL_PRESENT);
        assertThat(head.closeAfter).isTrue();
        assertThat(head.keepAlive()).isFalse();
        assertThat(text(head.forward(ByteBufAllocator.DEFAULT, IP, PORT)))
                .isEqualTo("POST / HTTP/1.1\r\nX: a\r\ntransfer-encoding: chunked\r\nconnection: close\r\n"
                        + "x-forwarded-for: 10.0.0.7\r\nx-forwarded-proto: http\r\nx-forwarded-port: 8080\r\n\r\n");
        assertThat(bodyOf(out, 1)).isEqualTo("0\r\n\r\n");
        assertThat(out).hasSize(2); // what followed it is not read as a request
    }

    @Test
    void eachModeDecidesByTheWorstRuleAHeadBreaks() {
        String bareLf = "GET / HTTP/1.1\nHost: a\n\n";
        String hidden = "GET / HTTP/1.1\r\nHost: a\r\nContent_Length: 5\r\n\r\n";
        for (DesyncMitigationMode mode : DesyncMitigationMode.values()) {
            RequestHead acceptable =
                    (RequestHead) decode(new RequestDecoder(8192, mode), bareLf).get(0);
            RequestHead ambiguous =
                    (RequestHead) decode(new RequestDecoder(8192, mode), hidden).get(0);
            assertThat(acceptable.desync).isEqualTo(DesyncReason.NON_CRLF_LINE_TERMINATION);
            assertThat(ambiguous.desync).isEqualTo(DesyncReason.SUSPICIOUS_HEADER);
            assertThat(acceptable.error == null).isEqualTo(mode != DesyncMitigationMode.STRICTEST);
            assertThat(ambiguous.error == null).isEqualTo(mode != DesyncMitigationMode.STRICTEST);
            assertThat(ambiguous.closeAfter).isEqualTo(mode == DesyncMitigationMode.DEFENSIVE);
        }
    }

    @Test
    void identicalContentLengthsCountOnceAndAreForwardedOnce() {
        RequestHead head = (RequestHead) decode(
                        new RequestDecoder(8192, DesyncMitigationMode.DEFENSIVE),
                        "POST / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n")
                .get(0);

        assertThat(head.error).isNull();
        assertThat(text(head.forward(ByteBufAllocator.DEFAULT, IP, PORT))).containsOnlyOnce("Content-Length: 0");
    }

    @Test
    void limitsApplyToTheRequestLineAndToTheFieldsApart() {
        String longTarget = "/" + "a".repeat(200);
        assertThat(error(
                        new RequestDecoder(100, DesyncMitigationMode.DEFENSIVE),
                        "GET " + longTarget + " HTTP/1.1\r\n\r\n"))
                .isEqualTo(BalancerError.URI_TOO_LONG);
        assertThat(error(
                        new RequestDecoder(100, DesyncMitigationMode.DEFENSIVE),
                        "GET / HTTP/1.1\r\nX: " + "b".repeat(200) + "\r\n\r\n"))
                .isEqualTo(BalancerError.HEADER_TOO_LARGE);
        // and a head that never ends is refused as soon as it passes the limit, not buffered on
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDecoder(100, DesyncMitigationMode.DEFENSIVE));
        ch.writeInbound(buf("GET / HTTP/1.1\r\nX: " + "c".repeat(150)));
        assertThat(((RequestHead) ch.readInbound()).error).isEqualTo(BalancerError.HEADER_TOO_LARGE);
    }

    @Test
    void responsesAreFramedByLengthChunksOrClose() {
        ResponseDecoder decoder = new ResponseDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(buf("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(3); // small bodies that came with their heads travel in them
        assertThat(((ResponseHead) out.get(0)).informational()).isTrue();
        assertThat(((ResponseHead) out.get(1)).body).isEqualTo(ResponseHead.Body.LENGTH);
        assertThat(forwarded(out.get(1))).endsWith("\r\n\r\nok");
        assertThat(((ResponseHead) out.get(2)).body).isEqualTo(ResponseHead.Body.CHUNKED);
        assertThat(forwarded(out.get(2))).endsWith("\r\n\r\n2\r\nhi\r\n0\r\n\r\n");

        decoder.answeringHead(true);
        ch.writeInbound(buf("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"));
        assertThat(((ResponseHead) ch.readInbound()).body).isEqualTo(ResponseHead.Body.NONE);

        decoder.answeringHead(false);
        ch.writeInbound(buf("HTTP/1.0 200 OK\r\n\r\nuntil"));
        ResponseHead untilClose = ch.readInbound();
        assertThat(untilClose.body).isEqualTo(ResponseHead.Body.UNTIL_CLOSE);
        assertThat(untilClose.keepAlive()).isFalse();
        BodyPart part = ch.readInbound();
        assertThat(part.last).isFalse();
        part.release();
        ch.finish();
        assertThat(((BodyPart) ch.readInbound()).last).isTrue();
    }

    @Test
    void aBodyGoesInItsHeadsBufferOnlyWhenItCameWholeWithItAndIsSmall() {
        String small = "x".repeat(ResponseDecoder.MAX_BODY_WITH_HEAD);
        ResponseHead whole = (ResponseHead) single(decode(new ResponseDecoder(), withLength(small)));
        assertThat(whole.wholeResponse()).isTrue();
        assertThat(forwarded(whole))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: " + small.length() + "\r\n\r\n" + small);

        String large = small + "y";
        List<Object> out = decode(new ResponseDecoder(), withLength(large));
        assertThat(((ResponseHead) out.get(0)).wholeResponse()).isFalse();
        assertThat(forwarded(out.get(0))).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2049\r\n\r\n");
        assertThat(bodyOf(out, 1)).isEqualTo(large);

        // a body that starts in the head's read but ends in the next one comes as parts
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseDecoder());
        ch.writeInbound(buf("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"));
        ch.writeInbound(buf("cd"));
        out = drain(ch);
        assertThat(((ResponseHead) out.get(0)).wholeResponse()).isFalse();
        BodyPart first = (BodyPart) out.get(1);
        assertThat(first.last).isFalse();
        first.release();
        assertThat(bodyOf(out, 2)).isEqualTo("cd");
    }

    @Test
    void aResponseIsChunkedOnlyWhenChunkedIsItsLastCoding() {
        assertThat(framing("Transfer-Encoding: gzip, Chunked")).isEqualTo(ResponseHead.Body.CHUNKED);
        assertThat(framing("Transfer-Encoding: chunked, gzip")).isEqualTo(ResponseHead.Body.UNTIL_CLOSE);
    }

    private static ResponseHead.Body framing(String field) {
        return ((ResponseHead) decode(new ResponseDecoder(), "HTTP/1.1 200 OK\r\n" + field + "\r\n\r\n")
                        .get(0))
                .body;
    }

    @Test
    void forwardedResponseSpeaksHttp11AndSaysWhetherTheConnectionStays() {
        ResponseHead head = (ResponseHead) decode(
                        new ResponseDecoder(),
                        "HTTP/1.0 404 Not Found\r\nKeep-Alive: timeout=7\r\nConnection: keep-alive\r\n"
                                + "Content-Length: 0\r\nX-Forwarded-For: kept\r\n\r\n")
                .get(0);

        assertThat(head.keepAlive()).isTrue();
        assertThat(head.keepAliveTimeoutSeconds()).isEqualTo(7);
        assertThat(text(head.forward(ByteBufAllocator.DEFAULT, ResponseHead.ConnectionField.CLOSE)))
                .isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nX-Forwarded-For: kept\r\n"
                        + "connection: close\r\n\r\n");
    }

    @Test
    void aResponseMayCarryAFieldSpelledLikeAFramingOneButNotAFoldedLine() {
        ResponseHead spelled = (ResponseHead)
                decode(new ResponseDecoder(), "HTTP/1.1 200 OK\r\nContent_Length: 9\r\nContent-Length: 0\r\n\r\n")
                        .get(0);
        assertThat(spelled.failed()).isFalse();
        assertThat(forwarded(spelled)).contains("Content_Length: 9");
        ResponseHead folded = (ResponseHead)
                decode(new ResponseDecoder(), "HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 0\r\n\r\n")
                        .get(0);
        assertThat(folded.failed()).isTrue();
    }

    @Test
    void aResponseThatIsNotHttpFails() {
        assertThat(((ResponseHead) decode(new ResponseDecoder(), "SSH-2.0-OpenSSH\r\n\r\n")
                                .get(0))
                        .failed())
                .isTrue();
        assertThat(((ResponseHead) decode(new ResponseDecoder(), "HTTP/1.1 2x0 OK\r\n\r\n")
                                .get(0))
                        .failed())
                .isTrue();
    }

    private static BalancerError error(String request) {
        return error(new RequestDecoder(8192, DesyncMitigationMode.DEFENSIVE), request);
    }

    private static BalancerError error(RequestDecoder decoder, String request) {
        return ((RequestHead) decode(decoder, request).get(0)).error;
    }

    private static List<Object> decode(MessageDecoder decoder, String input) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(buf(input));
        return drain(ch);
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    private static String withLength(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static Object single(List<Object> out) {
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static String forwarded(Object head) {
        return text(((ResponseHead) head).forward(ByteBufAllocator.DEFAULT, ResponseHead.ConnectionField.NONE));
    }

    private static String bodyOf(List<Object> out, int index) {
        BodyPart part = (BodyPart) out.get(index);
        assertThat(part.last).isTrue();
        String s = part.content().toString(StandardCharsets.US_ASCII);
        part.release();
        return s;
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }
}
