package gale.balancer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.balancer.BalancerConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JitWarmupTest {
    private BalancerRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void runsConnectionsThroughTheDataPathWithinItsLimitAndUnlisted() throws Exception {
        runtime = BalancerRuntime.start(new BalancerConfig(
                List.of(ListenerConfig.of(0, "web")), List.of(TargetGroupConfig.of("web")), 1, Duration.ZERO));

        JitWarmup.Result r = JitWarmup.run(runtime, Duration.ofSeconds(2));

        assertThat(r.connections()).isPositive().isLessThanOrEqualTo(JitWarmup.CONNECTIONS);
        // Each connection asks at least once; one in nine leaves before its last answer.
        assertThat(r.requests()).isGreaterThanOrEqualTo(r.connections() * 8L / 9);
        assertThat(r.took()).isLessThan(Duration.ofSeconds(2).plus(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> runtime.targetGroup("warmup")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warmupIsBounded() {
        List<ListenerConfig> listeners = List.of(ListenerConfig.of(0, "web"));
        List<TargetGroupConfig> groups = List.of(TargetGroupConfig.of("web"));

        assertThatThrownBy(() -> new BalancerConfig(listeners, groups, 1, Duration.ofMinutes(2)))
                .hasMessage("warmup: PT2M (expected: at most PT1M)");
        assertThatThrownBy(() -> new BalancerConfig(listeners, groups, 1, Duration.ofSeconds(-1)))
                .hasMessage("warmup: PT-1S (expected: >= 0)");
    }
}
