package gale.balancer.internal.warmup;

import gale.balancer.internal.group.GroupResources;
import gale.balancer.internal.loop.Transport;
import gale.balancer.internal.proxy.ListenerChannels;
import gale.balancer.internal.proxy.Observers;
import io.netty.channel.EventLoopGroup;

/**
 * What the warm-up uses of the running balancer: its event loops and transport for its own clients and targets, the
 * balancer's listener channels and group resources for its own listener and group, and the observers it diverts its
 * requests from.
 */
public record WarmupSetup(
        EventLoopGroup eventLoops,
        Transport transport,
        ListenerChannels listeners,
        GroupResources groups,
        Observers observers) {}
