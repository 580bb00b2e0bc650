package gale.balancer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void keepAliveTimeoutIsReadFromTheHint() {
        assertThat(Headers.keepAliveTimeoutSeconds("timeout=5, max=1000")).isEqualTo(5);
        assertThat(Headers.keepAliveTimeoutSeconds("max=10, Timeout=15")).isEqualTo(15);
        assertThat(Headers.keepAliveTimeoutSeconds("max=10")).isEqualTo(-1);
        assertThat(Headers.keepAliveTimeoutSeconds("timeout=")).isEqualTo(-1);
    }

    @Test
    void stripsHopByHopHeadersAndThoseConnectionNames() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Secret ,close")
                .add("X-Secret", "1")
                .add("Keep-Alive", "timeout=5")
                .add("TE", "trailers")
                .add("Trailer", "X")
                .add("Upgrade", "h2c")
                .add("Proxy-Authorization", "Basic x")
                .add("Proxy-Connection", "keep-alive")
                .add("Transfer-Encoding", "chunked")
                .add("X-Kept", "yes");

        Headers.stripHopByHop(h);

        assertThat(h.names()).containsExactlyInAnyOrder("Transfer-Encoding", "X-Kept");
    }
}
