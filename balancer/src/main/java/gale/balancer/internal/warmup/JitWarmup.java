package gale.balancer.internal.warmup;

import gale.balancer.Algorithm;
import gale.balancer.BalancerDefaults;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.balancer.internal.fault.TrafficFaults;
import gale.balancer.internal.group.GroupEvents;
import gale.balancer.internal.group.GroupResources;
import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.proxy.ListenerRuntime;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the balancer's data path over loopback before its listeners accept: clients, a listener and two targets of its
 * own, on the same event loops. Without it the JIT compiles the request path from the first clients' traffic only, and
 * each thing those clients had not done yet (a new connection, a client that closes) later throws the compiled code
 * away and compiles it again while requests wait: on one core the first second of each new burst of connections was
 * 5-80 ms slower. The warm-up makes a few thousand connections so that opening and closing them is in
 * the profiles from the start, health-checks its targets as real targets are, and is bounded: it ends after
 * {@link #CONNECTIONS} connections or at its time limit. What the JIT would otherwise meet only in real traffic is in
 * it too: runs that end with requests in flight (see {@link WarmupClients}), and the observer's own code
 * ({@link WarmupObservers}). Nothing of it reaches the balancer's observer, target listeners or access log: its
 * requests go to observers of its own, and its target group tells only the warm-up of its events.
 */
public final class JitWarmup {
    static final String HOST = ListenerConfig.DEFAULT_HOST;
    static final int CONNECTIONS = 4_000;
    /** Connections open at once: enough to fill each loop pass with several ready sockets, as real load does. */
    static final int LANES = 32;

    private static final String GROUP = "warmup";
    /**
     * Checks often enough for their types to be in the profiles of the paths they share with requests, and loose
     * enough that a slow check on a busy start-up does not take the target out.
     */
    private static final HealthCheckConfig HEALTH_CHECK =
            new HealthCheckConfig("/", Duration.ofMillis(50), Duration.ofMillis(50), 1, 10, "200");

    private static final TargetGroupConfig GROUP_CONFIG =
            new TargetGroupConfig(GROUP, Algorithm.ROUND_ROBIN, HEALTH_CHECK, Duration.ZERO, Duration.ZERO, List.of());

    /**
     * What a warm-up did: connections opened, requests answered, and what stopped it early when that was a failure (a
     * connection refused, say), or null.
     */
    public record Result(int connections, long requests, Duration took, Throwable failure) {
        /** True when it made all its connections: neither failed nor cut short at its time limit. */
        public boolean finished() {
            return failure == null && connections >= CONNECTIONS;
        }
    }

    private JitWarmup() {}

    public static Result run(WarmupSetup setup, Duration limit, WarmupObservers observers) throws InterruptedException {
        try {
            return runTraffic(setup, limit, observers);
        } finally {
            setup.observers().endWarmup();
        }
    }

    private static Result runTraffic(WarmupSetup setup, Duration limit, WarmupObservers observers)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        // Two targets, as a group usually has: choosing between them is part of the request path.
        try (WarmupTarget first = new WarmupTarget(setup);
                WarmupTarget second = new WarmupTarget(setup)) {
            TargetsUp up = new TargetsUp(2);
            GroupResources own = setup.groups();
            TargetGroupImpl group = new TargetGroupImpl(
                    GROUP_CONFIG, new GroupResources(own.loops(), own.healthChecker(), own.poolIdleNanos(), up));
            group.register(GROUP + "-1", first.address());
            group.register(GROUP + "-2", second.address());
            // Known to answer: healthy at once, as a first passing check would make them, rather than a wait for one
            // on a busy start-up. The checks go on beside the traffic.
            group.targetList().forEach(Target::onCheckSuccess);
            ListenerRuntime listener = new ListenerRuntime(
                    ListenerConfig.of(0, GROUP), Map.of(GROUP, group), new TrafficFaults(setup.eventLoops()));
            Channel server = setup.listeners()
                    .bootstrap(listener)
                    .bind(HOST, 0)
                    .syncUninterruptibly()
                    .channel();
            WarmupClients clients = null;
            Throwable failure;
            try {
                listener.bound(((InetSocketAddress) server.localAddress()).getPort());
                failure = up.await(deadline);
                if (failure == null) {
                    clients = new WarmupClients(
                            setup, (InetSocketAddress) server.localAddress(), observers, CONNECTIONS, deadline);
                    failure = awaitClients(clients, deadline);
                }
            } finally {
                // Cut short, the clients may still wait for answers: no answer may reach the observer set after.
                if (clients != null) {
                    clients.closeAll();
                }
                awaitClosed(listener, System.nanoTime() + BalancerDefaults.CONNECT_TIMEOUT.toNanos());
                server.close().syncUninterruptibly();
                group.close();
                group.closeIdleConnections(group.targetList()).join();
            }
            return new Result(
                    clients == null ? 0 : clients.connectionsOpened(),
                    clients == null ? 0 : clients.requestsAnswered(),
                    Duration.ofNanos(System.nanoTime() - start),
                    failure);
        }
    }

    /** @return what made the clients stop early, or null */
    private static Throwable awaitClients(WarmupClients clients, long deadline) throws InterruptedException {
        // The clients stop opening connections at the deadline; the ones open then get a moment to end.
        long graceNanos = BalancerDefaults.CONNECT_TIMEOUT.toNanos();
        try {
            clients.run(LANES).get(Math.max(0, deadline - System.nanoTime()) + graceNanos, TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return null; // cut short at the limit, which the result's connection count tells
        }
    }

    /** Waits until the balancer has seen the warm-up's client connections close, up to {@code deadline}. */
    private static void awaitClosed(ListenerRuntime listener, long deadline) throws InterruptedException {
        while (listener.openConnections() > 0 && deadline - System.nanoTime() > 0) {
            Thread.sleep(5);
        }
    }

    /** The warm-up group's events: only whether its targets are healthy, for the clients to start. */
    private static final class TargetsUp implements GroupEvents {
        private final CountDownLatch healthy;

        TargetsUp(int targets) {
            healthy = new CountDownLatch(targets);
        }

        @Override
        public void stateChanged(String group, TargetSnapshot target, TargetState previous) {
            if (target.state() == TargetState.HEALTHY && previous != TargetState.HEALTHY) {
                healthy.countDown();
            }
        }

        /** @return null once every target is healthy, or what stopped them by the deadline */
        Throwable await(long deadline) throws InterruptedException {
            if (healthy.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return null;
            }
            return new TimeoutException("the warm-up's targets did not turn healthy in time");
        }
    }
}
