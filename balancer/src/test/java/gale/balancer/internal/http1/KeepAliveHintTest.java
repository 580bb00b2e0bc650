package gale.balancer.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeepAliveHintTest {
    @Test
    void keepAliveTimeoutIsReadFromTheHint() {
        assertThat(timeoutOf("timeout=5, max=1000")).isEqualTo(5);
        assertThat(timeoutOf("max=10, Timeout=15")).isEqualTo(15);
        assertThat(timeoutOf("max=10")).isEqualTo(-1);
        assertThat(timeoutOf("timeout=")).isEqualTo(-1);
    }

    private static long timeoutOf(String keepAlive) {
        byte[] raw = ("HTTP/1.1 200 OK\r\nKeep-Alive: " + keepAlive + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int statusLineEnd = HeaderFields.indexOf(raw, 0, (byte) '\n');
        return ResponseHead.parse(raw, statusLineEnd, false).keepAliveTimeoutSeconds();
    }
}
