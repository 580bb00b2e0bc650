package gale.balancer.internal.warmup;

import gale.balancer.Algorithm;
import gale.balancer.BalancerDefaults;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.ListenerLimits;
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
import java.util.concurrent.CompletableFuture;
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
 * it too: runs that end with requests in flight (see {@link WarmupClients}), slow clients beside the normal ones, whose
 * heads and bodies stall and time out ({@link WarmupSlowClients}), and the observer's own code
 * ({@link WarmupObservers}). Nothing of it reaches the balancer's observer, target listeners or access log: its
 * requests go to observers of its own, and its target group tells only the warm-up of its events.
 */
public final class JitWarmup {
    static final String HOST = ListenerConfig.DEFAULT_HOST;
    static final int CONNECTIONS = 4_000;
    /** Connections open at once: enough to fill each loop pass with several ready sockets, as real load does. */
    static final int LANES = 32;

    /**
     * The warm-up listener's limits: the defaults, with timeouts of milliseconds so that the slow clients' heads and
     * bodies time out hundreds of times a second, and every connection's clock ticks (a quarter of the shortest,
     * 10 ms) as often as thousands of connections make a real listener's tick. The normal clients send each request
     * whole, and the next as soon as the last is answered: none of these fire for them.
     */
    static final ListenerLimits LIMITS = new ListenerLimits(
            BalancerDefaults.MAX_CONNECTIONS,
            BalancerDefaults.MAX_HEADER_BYTES,
            BalancerDefaults.MAX_BODY_BYTES,
            Duration.ofMillis(80),
            Duration.ofMillis(40),
            Duration.ofMillis(40),
            BalancerDefaults.REQUEST_TIMEOUT);

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
     * What a warm-up did: connections opened by its normal clients and the requests they had answered, connections
     * opened by its slow clients, and what stopped it early when that was a failure (a connection refused, say), or
     * null.
     */
    public record Result(int connections, long requests, int slowConnections, Duration took, Throwable failure) {
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
                    new ListenerConfig(HOST, 0, List.of(), GROUP, LIMITS),
                    Map.of(GROUP, group),
                    new TrafficFaults(setup.eventLoops()));
            Channel server = setup.listeners()
                    .bootstrap(listener)
                    .bind(HOST, 0)
                    .syncUninterruptibly()
                    .channel();
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            WarmupClients clients = null;
            WarmupSlowClients slowClients = null;
            Throwable failure;
            try {
                listener.bound(address.getPort());
                failure = up.await(deadline);
                if (failure == null) {
                    clients = new WarmupClients(setup, address, observers, CONNECTIONS, deadline);
                    CompletableFuture<Void> running = clients.run(LANES);
                    // Only now: the normal lanes' first connection has sent request events to the warm-up's observers.
                    slowClients = new WarmupSlowClients(setup, address);
                    slowClients.run(WarmupSlowClients.LANES);
                    failure = awaitClients(running, deadline);
                }
            } finally {
                // Cut short, the clients may still wait for answers: no answer may reach the observer set after.
                if (slowClients != null) {
                    slowClients.closeAll();
                }
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
                    slowClients == null ? 0 : slowClients.connectionsOpened(),
                    Duration.ofNanos(System.nanoTime() - start),
                    failure);
        }
    }

    /** @return what made the clients stop early, or null */
    private static Throwable awaitClients(CompletableFuture<Void> clients, long deadline) throws InterruptedException {
        // The clients stop opening connections at the deadline; the ones open then get a moment to end.
        long graceNanos = BalancerDefaults.CONNECT_TIMEOUT.toNanos();
        try {
            clients.get(Math.max(0, deadline - System.nanoTime()) + graceNanos, TimeUnit.NANOSECONDS);
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
