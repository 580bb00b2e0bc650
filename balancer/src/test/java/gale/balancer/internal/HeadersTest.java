package gale.balancer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void keepAliveTimeoutIsReadFromTheHint() {
        assertThat(Headers.keepAliveTimeoutSeconds("timeout=5, max=1000")).isEqualTo(5);
        assertThat(Headers.keepAliveTimeoutSeconds("max=10, Timeout=15")).isEqualTo(15);
        assertThat(Headers.keepAliveTimeoutSeconds("max=10")).isEqualTo(-1);
        assertThat(Headers.keepAliveTimeoutSeconds("timeout=")).isEqualTo(-1);
    }
}
