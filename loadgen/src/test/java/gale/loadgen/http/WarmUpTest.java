package gale.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;

import gale.loadgen.plan.Protocol;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up goes down the path the test will take: HTTP/2 streams for an HTTP/2 test, HTTP/1.1 otherwise. */
class WarmUpTest {

    @Test
    void anHttp2TestWarmsTheHttp2Path() {
        assertThat(warm(Protocol.H2C)).isEqualTo("HTTP/2.0");
    }

    @Test
    void anHttp11TestWarmsTheHttp11Path() {
        assertThat(warm(Protocol.AUTO)).isEqualTo("HTTP/1.1");
    }

    /** The one protocol every warm-up exchange went with, each a 200. */
    private static String warm(Protocol protocol) {
        AtomicInteger h1 = new AtomicInteger();
        AtomicInteger h2 = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        ClientOptions options = new ClientOptions(1, 4, Duration.ofSeconds(5), false, false, null, null, protocol, 100);
        try (HttpEngine engine = new HttpEngine(options)) {
            engine.warmUp(Duration.ofMillis(200), () -> e -> {
                if (e.status() != 200 || e.error() != null) {
                    bad.incrementAndGet();
                } else {
                    (e.isHttp2() ? h2 : h1).incrementAndGet();
                }
            });
        }
        assertThat(bad).hasValue(0);
        assertThat(h1.get() == 0 || h2.get() == 0).as("h1 %s, h2 %s", h1, h2).isTrue();
        assertThat(h1.get() + h2.get()).isPositive();
        return h2.get() > 0 ? "HTTP/2.0" : "HTTP/1.1";
    }
}
