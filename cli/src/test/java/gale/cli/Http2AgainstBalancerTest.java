package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gale.balancer.Algorithm;
import gale.balancer.Balancer;
import gale.balancer.BalancerConfig;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.ListenerLimits;
import gale.balancer.TargetGroupConfig;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.plan.PlanFlags;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Gale's balancer speaks HTTP/1.1 only: {@code gale load --protocol h2c} against it must fail plainly, each request
 * a {@code protocol} error and one sentence saying the server did not speak HTTP/2, never a hang or a reset storm.
 */
class Http2AgainstBalancerTest {

    @Test
    void h2cAgainstTheBalancerFailsAsProtocolErrorsWithOneClearWarning() {
        ListenerConfig listener = new ListenerConfig("127.0.0.1", 0, List.of(), "web", ListenerLimits.DEFAULTS);
        TargetGroupConfig group = new TargetGroupConfig(
                "web", Algorithm.ROUND_ROBIN, HealthCheckConfig.DEFAULTS, Duration.ZERO, Duration.ZERO, List.of());
        Logger log = (Logger) LoggerFactory.getLogger("gale.loadgen.http.OriginPool");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try (Balancer balancer = Balancer.start(new BalancerConfig(List.of(listener), List.of(group), 1))) {
            String url = "http://127.0.0.1:" + balancer.port(0) + "/";
            LoadResult r = LoadRun.run(
                    new PlanFlags(
                                    url, null, 2, null, null, null, null, 6L, null, null, null, null, null, null, 1,
                                    "10s", "h2c", null, false)
                            .toPlan(),
                    LoadOutput.quiet(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

            assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(6, 6);
            assertThat(r.results().errorKinds()).containsExactly(Map.entry("protocol", 6L));
            assertThat(seen.list)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .contains("127.0.0.1:" + balancer.port(0) + " did not speak HTTP/2")
                            .contains("use protocol auto or http1.1"));
        } finally {
            log.detachAppender(seen);
        }
    }
}
