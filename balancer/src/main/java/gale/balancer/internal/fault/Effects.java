package gale.balancer.internal.fault;

import io.netty.channel.ChannelPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the faults drawn for one request do to it: a delay before it goes on, an answer in the target's place (an
 * error, a reset, or none at all), and the toxics on the response's way back to the client.
 */
public final class Effects {
    private final List<InjectedFault> applied = new ArrayList<>(2);
    private InjectedFault answer;
    private long delayNanos;
    private InjectedFault bandwidth;
    private InjectedFault slowClose;

    void add(InjectedFault fault, RandomGenerator random) {
        applied.add(fault);
        switch (fault.kind()) {
            case HTTP_LATENCY -> delayNanos += fault.delayNanos(random);
            case HTTP_ERROR, NET_RESET, NET_BLACKHOLE -> {
                if (answer == null) {
                    answer = fault;
                }
            }
            case NET_BANDWIDTH -> bandwidth = fault;
            case NET_SLOW_CLOSE -> slowClose = fault;
        }
    }

    /** Every fault that acts on the request, once each. */
    public List<InjectedFault> applied() {
        return applied;
    }

    /** The fault that answers in the target's place ({@code http-error}, {@code net-reset}, {@code net-blackhole}). */
    public InjectedFault answer() {
        return answer;
    }

    /** How long the request waits before it goes on; 0 for none. */
    public long delayNanos() {
        return delayNanos;
    }

    /**
     * Puts this request's connection toxics on the client connection ({@code effects} null: none), and takes off
     * those of an earlier request that this one did not draw.
     */
    public static void shape(ChannelPipeline client, Effects effects) {
        InjectedFault rate = effects == null ? null : effects.bandwidth;
        BandwidthShaper shaper = client.get(BandwidthShaper.class);
        if (shaper == null && rate != null) {
            shaper = new BandwidthShaper();
            client.addFirst(shaper);
        }
        if (shaper != null) {
            shaper.shapeFor(rate);
        }
        InjectedFault close = effects == null ? null : effects.slowClose;
        SlowClose slow = client.get(SlowClose.class);
        if (slow == null && close != null) {
            slow = new SlowClose();
            client.addFirst(slow);
        }
        if (slow != null) {
            slow.delayFor(close);
        }
    }
}
