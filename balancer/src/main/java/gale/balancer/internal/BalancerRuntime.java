package gale.balancer.internal;

import gale.balancer.BalancerConfig;
import gale.balancer.BalancerDefaults;
import gale.balancer.BalancerObserver;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroup;
import gale.balancer.TargetGroupConfig;
import gale.balancer.TargetListener;
import gale.balancer.TrafficFault;
import gale.balancer.TrafficFaultHandle;
import gale.balancer.internal.fault.TrafficFaults;
import gale.balancer.internal.group.GroupResources;
import gale.balancer.internal.group.Target;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.health.HealthChecker;
import gale.balancer.internal.loop.LoopResources;
import gale.balancer.internal.loop.Transport;
import gale.balancer.internal.proxy.ListenerChannels;
import gale.balancer.internal.proxy.ListenerRuntime;
import gale.balancer.internal.proxy.Observers;
import gale.balancer.internal.warmup.JitWarmup;
import gale.balancer.internal.warmup.WarmupObservers;
import gale.balancer.internal.warmup.WarmupSetup;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running balancer behind {@link gale.balancer.Balancer}: event loops, listeners, target groups. */
public final class BalancerRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BalancerRuntime.class);

    private final BalancerConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final LoopResources[] loops;
    private final Map<EventLoop, LoopResources> byLoop = new IdentityHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, TargetGroupImpl> groups = new LinkedHashMap<>();
    private final List<ListenerRuntime> listeners = new ArrayList<>();
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<TargetListener> targetListeners = new CopyOnWriteArrayList<>();
    private final Observers observers = new Observers();
    private final ListenerChannels listenerChannels;
    private final GroupResources groupResources;
    private final TrafficFaults faults;
    private boolean opened;

    private BalancerRuntime(BalancerConfig config) {
        this.config = config;
        transport = Transport.detect();
        int threads =
                config.ioThreads() == 0 ? java.lang.Runtime.getRuntime().availableProcessors() : config.ioThreads();
        group = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory("gale-balancer", true), transport.ioHandlerFactory());
        List<LoopResources> contexts = new ArrayList<>();
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            Bootstrap backend = new Bootstrap()
                    .group(loop)
                    .channel(transport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) BalancerDefaults.CONNECT_TIMEOUT.toMillis());
            LoopResources context = new LoopResources(contexts.size(), loop, backend);
            contexts.add(context);
            byLoop.put(loop, context);
        }
        loops = contexts.toArray(new LoopResources[0]);
        faults = new TrafficFaults(group);
        listenerChannels = new ListenerChannels(group, transport, byLoop, observers);
        groupResources = new GroupResources(
                loops,
                new HealthChecker(loops),
                BalancerDefaults.POOL_IDLE_TIMEOUT.toNanos(),
                new AnnouncedEvents(targetListeners, observers));
    }

    /**
     * Event loops and target groups, static targets registered and health-checked, listeners bound (a port in use fails
     * here, before anything else starts) but not accepting: {@link #open} runs the warm-up and then accepts.
     */
    public static BalancerRuntime create(BalancerConfig config) {
        BalancerRuntime runtime = new BalancerRuntime(config);
        try {
            runtime.createGroups();
            runtime.bindListeners();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    public static BalancerRuntime start(BalancerConfig config) {
        BalancerRuntime runtime = create(config);
        try {
            runtime.open();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /**
     * Runs the JIT warm-up, observed by no-op observers of several classes, then accepts on every listener. Clients
     * that connect before wait in the listen backlog.
     */
    public void open() {
        open(WarmupObservers.noOps());
    }

    /** @param warmupTwins the warm-up's observers: the same classes as the one set, over state thrown away */
    public void open(Supplier<BalancerObserver> warmupTwins) {
        open(WarmupObservers.twins(Objects.requireNonNull(warmupTwins, "warmupTwins")));
    }

    private void open(WarmupObservers warmupObservers) {
        if (opened) {
            throw new IllegalStateException("the balancer is open already");
        }
        opened = true;
        if (config.warmup().isPositive()) {
            warmUp(config.warmup(), warmupObservers);
            collectGarbage();
        }
        for (int i = 0; i < serverChannels.size(); i++) {
            serverChannels.get(i).config().setAutoRead(true);
            log.info(
                    "Listening on {}:{} ({}, {} IO threads)",
                    config.listeners().get(i).host(),
                    listeners.get(i).port(),
                    transport.epoll() ? "epoll" : "nio",
                    loops.length);
        }
    }

    /** A warm-up that fails costs only its benefit: the balancer starts either way. */
    private void warmUp(Duration limit, WarmupObservers observers) {
        try {
            JitWarmup.Result r = JitWarmup.run(warmupSetup(), limit, observers);
            String ending;
            if (r.finished()) {
                ending = "";
            } else if (r.failure() != null) {
                ending = " (ended early: " + r.failure() + ")";
            } else {
                ending = " (cut short at its limit of " + limit.toMillis() + " ms)";
            }
            log.info(
                    "JIT warm-up: {} connections, {} requests and {} slow clients over loopback in {} ms{}",
                    r.connections(),
                    r.requests(),
                    r.slowConnections(),
                    r.took().toMillis(),
                    ending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("JIT warm-up failed; starting without it", e);
        }
    }

    /**
     * After the warm-up the young generation holds its garbage and the start-up's long-lived objects: the first two
     * young collections under real load would copy those (tens of milliseconds on one CPU with the serial collector,
     * against about 1 ms for the ones after). One full collection moves them to the old generation before the first
     * client comes.
     */
    private static void collectGarbage() {
        long start = System.nanoTime();
        System.gc();
        log.info("Heap collected after the warm-up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private void createGroups() {
        for (TargetGroupConfig g : config.targetGroups()) {
            groups.put(g.name(), new TargetGroupImpl(g, groupResources));
        }
        for (LoopResources loop : loops) {
            loop.loop.scheduleAtFixedRate(() -> sweep(loop), 1, 1, TimeUnit.SECONDS);
        }
        for (TargetGroupConfig g : config.targetGroups()) {
            for (InetSocketAddress address : g.staticTargets()) {
                groups.get(g.name()).register(TargetGroupConfig.staticTargetId(address), address);
            }
        }
    }

    private void bindListeners() {
        for (int i = 0; i < config.listeners().size(); i++) {
            ListenerConfig lc = config.listeners().get(i);
            ListenerRuntime listener = new ListenerRuntime(lc, groups, faults);
            Channel server;
            try {
                server = listenerChannels
                        .bootstrap(listener)
                        .option(ChannelOption.AUTO_READ, false) // accepts from open() on
                        .bind(lc.host(), lc.port())
                        .syncUninterruptibly()
                        .channel();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "listeners[" + i + "]: can't listen on " + lc.host() + ":" + lc.port() + " (" + e.getMessage()
                                + ")",
                        e);
            }
            listener.bound(((InetSocketAddress) server.localAddress()).getPort());
            listeners.add(listener);
            serverChannels.add(server);
        }
    }

    private void sweep(LoopResources loop) {
        long now = System.nanoTime();
        for (TargetGroupImpl g : groups.values()) {
            for (Target t : g.targetList()) {
                t.pools[loop.index].sweep(now);
            }
        }
    }

    /** What the JIT warm-up uses of this balancer. */
    public WarmupSetup warmupSetup() {
        return new WarmupSetup(group, transport, listenerChannels, groupResources, observers);
    }

    public int port(int listenerIndex) {
        if (listenerIndex < 0 || listenerIndex >= listeners.size()) {
            throw new IllegalArgumentException(
                    "listenerIndex: " + listenerIndex + " (expected: 0-" + (listeners.size() - 1) + ")");
        }
        return listeners.get(listenerIndex).port();
    }

    public TargetGroup targetGroup(String name) {
        TargetGroupImpl g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException(
                    "targetGroup: '" + name + "' (expected: one of " + groups.keySet() + ")");
        }
        return g;
    }

    public TrafficFaultHandle injectFault(TrafficFault fault) {
        targetGroup(fault.targetGroup()); // refuses an unknown group
        return faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    public void addTargetListener(TargetListener listener) {
        targetListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void setObserver(BalancerObserver observer) {
        observers.set(observer);
    }

    public boolean usesEpoll() {
        return transport.epoll();
    }

    /** Stops listening, ends the faults and the health checks, and stops the event loops; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // the loops are gone: a second close would only fail to schedule on them
        }
        faults.clear();
        for (Channel c : serverChannels) {
            c.close().syncUninterruptibly();
        }
        groups.values().forEach(TargetGroupImpl::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
