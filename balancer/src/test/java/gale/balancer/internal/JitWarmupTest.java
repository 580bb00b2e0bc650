package gale.balancer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.balancer.BalancerConfig;
import gale.balancer.BalancerObserver;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
    void endsRoundsOfConnectionsWithoutFailing() throws Exception {
        runtime = BalancerRuntime.start(new BalancerConfig(
                List.of(ListenerConfig.of(0, "web")), List.of(TargetGroupConfig.of("web")), 1, Duration.ZERO));

        // Time enough to pass a round's end on a slow machine: the test JVM (cold, leak detection on) made ~110
        // connections a second on two cores and ~30 pinned to one, so the warm-up runs to this limit.
        JitWarmup.Result r = JitWarmup.run(runtime, Duration.ofSeconds(15));

        // Past the first round's end, when every open connection is dropped at once and the lanes connect again: the
        // first version failed there (a socket opened while the loop still had events of a closed one with its number).
        assertThat(r.failure()).isNull();
        assertThat(r.connections()).isGreaterThan(WarmupClients.ROUND_CONNECTIONS + JitWarmup.LANES);
    }

    @Test
    void tellsTheObserverNothingAndLeavesItInPlace() throws Exception {
        runtime = BalancerRuntime.start(new BalancerConfig(
                List.of(ListenerConfig.of(0, "web")), List.of(TargetGroupConfig.of("web")), 1, Duration.ZERO));
        AtomicInteger told = new AtomicInteger();
        BalancerObserver observer = new BalancerObserver() {
            @Override
            public void requestCompleted(int port, String group, String target, int status, long nanos) {
                told.incrementAndGet();
            }

            @Override
            public void connectionOpened(int listenerPort) {
                told.incrementAndGet();
            }
        };
        runtime.setObserver(observer);

        JitWarmup.Result r = JitWarmup.run(runtime, Duration.ofSeconds(1));

        assertThat(r.requests()).isPositive();
        assertThat(told).hasValue(0);
        assertThat(runtime.observer()).isSameAs(observer);
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
