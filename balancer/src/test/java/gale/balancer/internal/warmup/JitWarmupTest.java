package gale.balancer.internal.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.management.GarbageCollectionNotificationInfo;
import gale.balancer.Algorithm;
import gale.balancer.BalancerConfig;
import gale.balancer.BalancerError;
import gale.balancer.BalancerObserver;
import gale.balancer.ClientTimeout;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import gale.balancer.internal.BalancerRuntime;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
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
        runtime = BalancerRuntime.start(webWithWarmup(Duration.ZERO));

        JitWarmup.Result r = JitWarmup.run(runtime.warmupSetup(), Duration.ofSeconds(2), WarmupObservers.noOps());

        assertThat(r.connections()).isPositive().isLessThanOrEqualTo(JitWarmup.CONNECTIONS);
        // Each connection asks at least once; one in nine leaves before its last answer.
        assertThat(r.requests()).isGreaterThanOrEqualTo(r.connections() * 8L / 9);
        assertThat(r.took()).isLessThan(Duration.ofSeconds(2).plus(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> runtime.targetGroup("warmup")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endsRoundsOfConnectionsWithoutFailing() throws Exception {
        runtime = BalancerRuntime.start(webWithWarmup(Duration.ZERO));

        // Time enough to pass a round's end on a slow machine: the test JVM (cold, leak detection on) made ~110
        // connections a second on two cores and ~30 pinned to one, so the warm-up runs to this limit.
        JitWarmup.Result r = JitWarmup.run(runtime.warmupSetup(), Duration.ofSeconds(15), WarmupObservers.noOps());

        // Past the first round's end, when every open connection is dropped at once and the lanes connect again: the
        // first version failed there (a socket opened while the loop still had events of a closed one with its number).
        assertThat(r.failure()).isNull();
        assertThat(r.connections()).isGreaterThan(WarmupClients.ROUND_CONNECTIONS + JitWarmup.LANES);
    }

    @Test
    void tellsTheObserverNothingAndLeavesItInPlace() throws Exception {
        AtomicInteger told = new AtomicInteger();
        BalancerObserver observer = startObservedBy(countingRequestEvents(told));

        JitWarmup.Result r = JitWarmup.run(runtime.warmupSetup(), Duration.ofSeconds(1), WarmupObservers.noOps());

        assertThat(r.requests()).isPositive();
        assertThat(told).hasValue(0);
        assertThat(runtime.warmupSetup().observers().observer()).isSameAs(observer);
    }

    @Test
    void tellsItsTwinsEveryAnswerAndTheObserverNothing() throws Exception {
        AtomicInteger toldObserver = new AtomicInteger();
        BalancerObserver observer = startObservedBy(countingRequestEvents(toldObserver));
        LongAdder answered = new LongAdder();
        Set<String> targets = ConcurrentHashMap.newKeySet();
        Supplier<BalancerObserver> twins = () -> new BalancerObserver() {
            @Override
            public void requestCompleted(int port, String group, String target, int status, long nanos) {
                answered.increment();
                targets.add(target);
            }
        };

        JitWarmup.Result r = JitWarmup.run(runtime.warmupSetup(), Duration.ofSeconds(2), WarmupObservers.twins(twins));

        // A client that left mid-request may still have been answered: the twins count that, the warm-up does not.
        assertThat(answered.sum()).isGreaterThanOrEqualTo(r.requests());
        assertThat(targets).containsExactlyInAnyOrder("warmup-1", "warmup-2");
        assertThat(toldObserver).hasValue(0);
        assertThat(runtime.warmupSetup().observers().observer()).isSameAs(observer);
    }

    @Test
    void slowClientsTimeOutBesideTheNormalOnesAndTellOnlyTheTwins() throws Exception {
        AtomicInteger toldObserver = new AtomicInteger();
        BalancerObserver observer = startObservedBy(countingRequestEvents(toldObserver));
        Set<ClientTimeout> timeouts = ConcurrentHashMap.newKeySet();
        Set<BalancerError> rejections = ConcurrentHashMap.newKeySet();
        Supplier<BalancerObserver> twins = () -> new BalancerObserver() {
            @Override
            public void clientTimedOut(int port, ClientTimeout timeout) {
                timeouts.add(timeout);
            }

            @Override
            public void rejected(int port, String group, BalancerError error) {
                rejections.add(error);
            }
        };

        JitWarmup.Result r = JitWarmup.run(runtime.warmupSetup(), Duration.ofSeconds(3), WarmupObservers.twins(twins));

        // Each shape at least once: a head and a body that stall (408 each), a connection that never speaks, and the
        // ones that complete slowly and are then closed idle.
        assertThat(r.slowConnections()).isGreaterThanOrEqualTo(WarmupSlowClients.Shape.values().length);
        assertThat(timeouts)
                .containsExactlyInAnyOrder(ClientTimeout.REQUEST_HEADER, ClientTimeout.BODY_READ, ClientTimeout.IDLE);
        assertThat(rejections).contains(BalancerError.HEADER_TIMEOUT, BalancerError.CLIENT_TIMEOUT);
        // The normal clients' requests are whole and sent at once: the short timeouts are not theirs.
        assertThat(r.requests()).isGreaterThanOrEqualTo(r.connections() * 8L / 9);
        assertThat(toldObserver).hasValue(0);
        assertThat(runtime.warmupSetup().observers().observer()).isSameAs(observer);
    }

    @Test
    void aRealGroupFailingOpenDuringTheWarmupIsToldToTheObserverSet() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HealthCheckConfig slowEnough =
                new HealthCheckConfig("/", Duration.ofMillis(500), Duration.ofMillis(200), 2, 2, "200");
        TargetGroupConfig refusing = new TargetGroupConfig(
                "web",
                Algorithm.ROUND_ROBIN,
                slowEnough,
                Duration.ZERO,
                Duration.ZERO,
                List.of(new InetSocketAddress("127.0.0.1", closedPort)));
        runtime = BalancerRuntime.create(
                new BalancerConfig(List.of(ListenerConfig.of(0, "web")), List.of(refusing), 1, Duration.ofSeconds(3)));
        AtomicBoolean opened = new AtomicBoolean();
        List<Boolean> failOpenWhileOpening = new CopyOnWriteArrayList<>();
        runtime.setObserver(new BalancerObserver() {
            @Override
            public void failOpenEntered(String targetGroup) {
                failOpenWhileOpening.add(!opened.get());
            }
        });

        runtime.open(() -> new BalancerObserver() {});
        opened.set(true);

        // Two refused checks 500 ms apart: the verdict falls inside the 3 s warm-up, whose requests go to the twins.
        assertThat(failOpenWhileOpening).containsExactly(true);
    }

    @Test
    void collectsTheWarmupsGarbageBeforeAccepting() throws Exception {
        List<String> causes = new CopyOnWriteArrayList<>();
        NotificationListener listener = (notification, handback) -> {
            if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                causes.add(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcCause());
            }
        };
        List<NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(NotificationEmitter.class::cast)
                .toList();
        collectors.forEach(collector -> collector.addNotificationListener(listener, null, null));
        try {
            runtime = BalancerRuntime.create(webWithWarmup(Duration.ofMillis(500)));

            runtime.open();

            // Nothing else here asks for a collection; the notifications come on a thread of their own.
            await().atMost(Duration.ofSeconds(10)).until(() -> causes.contains("System.gc()"));
        } finally {
            for (NotificationEmitter collector : collectors) {
                collector.removeNotificationListener(listener);
            }
        }
    }

    @Test
    void aNewTwinTakesOverAtEachRun() {
        AtomicInteger made = new AtomicInteger();
        WarmupObservers twins = WarmupObservers.twins(() -> {
            made.incrementAndGet();
            return new BalancerObserver() {};
        });

        BalancerObserver first = twins.forConnection(0);
        BalancerObserver lastOfFirstRun = twins.forConnection(WarmupClients.ROUND_CONNECTIONS - 1);
        BalancerObserver second = twins.forConnection(WarmupClients.ROUND_CONNECTIONS);

        assertThat(lastOfFirstRun).isSameAs(first);
        assertThat(second).isNotSameAs(first);
        assertThat(made).hasValue(2);
    }

    /** Starts a balancer without a warm-up of its own, {@code observer} set: the test runs the warm-up. */
    private BalancerObserver startObservedBy(BalancerObserver observer) {
        runtime = BalancerRuntime.start(webWithWarmup(Duration.ZERO));
        runtime.setObserver(observer);
        return observer;
    }

    /** One listener in front of an empty group "web", on one IO thread. */
    private static BalancerConfig webWithWarmup(Duration warmup) {
        return new BalancerConfig(
                List.of(ListenerConfig.of(0, "web")), List.of(TargetGroupConfig.of("web")), 1, warmup);
    }

    private static BalancerObserver countingRequestEvents(AtomicInteger count) {
        return new BalancerObserver() {
            @Override
            public void requestCompleted(int port, String group, String target, int status, long nanos) {
                count.incrementAndGet();
            }

            @Override
            public void connectionOpened(int listenerPort) {
                count.incrementAndGet();
            }

            @Override
            public void clientTimedOut(int listenerPort, ClientTimeout timeout) {
                count.incrementAndGet();
            }

            @Override
            public void rejected(int listenerPort, String targetGroup, BalancerError error) {
                count.incrementAndGet();
            }
        };
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
