package gale.balancer.internal.proxy;

import gale.balancer.TrafficFaultKind;
import gale.balancer.internal.fault.ActiveFaults;
import gale.balancer.internal.fault.Effects;
import gale.balancer.internal.fault.InjectedFault;
import gale.balancer.internal.group.Target;
import io.netty.channel.ChannelOption;
import java.util.concurrent.TimeUnit;

/**
 * Where a request meets the traffic faults in place, once, as it is first sent to a target: it may wait, be answered
 * in the target's place, be reset or never answered, and its response may be slowed. With no fault in place this is
 * one volatile read ({@link gale.balancer.internal.fault.TrafficFaults#active}).
 */
final class FaultGate {
    private FaultGate() {}

    /** True when a fault took the request over: it goes on later, or never, as the fault says. */
    static boolean intercepts(FrontendHandler f, ProxyExchange e, Target target) {
        ActiveFaults active = f.listener.faults.active();
        if (active == null || e.faultsDrawn) {
            return false;
        }
        e.faultsDrawn = true;
        Effects effects = active.draw(e.group.name(), target.address);
        Effects.shape(f.ctx.pipeline(), effects);
        if (effects == null) {
            return false;
        }
        for (InjectedFault fault : effects.applied()) {
            int status = fault == effects.answer() && fault.kind() == TrafficFaultKind.HTTP_ERROR
                    ? fault.fault().errorStatus()
                    : 0;
            f.observers.requests().faultApplied(f.listener.port, e.group.name(), target.id, fault.kind(), status);
        }
        if (effects.delayNanos() > 0) {
            f.ctx.executor()
                    .schedule(() -> afterDelay(f, e, target, effects), effects.delayNanos(), TimeUnit.NANOSECONDS);
            return true;
        }
        return answer(f, e, effects.answer());
    }

    private static void afterDelay(FrontendHandler f, ProxyExchange e, Target target, Effects effects) {
        if (f.ex != e || f.closing) {
            return; // timed out, or the client went away, meanwhile
        }
        if (!answer(f, e, effects.answer())) {
            f.attempt(e, target, false, true);
        }
    }

    /** Answers in the target's place as {@code fault} says; false when there is no such fault. */
    private static boolean answer(FrontendHandler f, ProxyExchange e, InjectedFault fault) {
        if (fault == null) {
            return false;
        }
        f.ex = null;
        e.abandon(f);
        switch (fault.kind()) {
            case HTTP_ERROR -> {
                boolean close = !(e.clientKeepAlive && e.requestComplete);
                f.answer(
                        ErrorResponses.injectedFault(fault.fault().errorStatus(), f.ctx.alloc(), close, e.head), close);
            }
            case NET_RESET -> {
                f.closing = true;
                f.ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0); // close with RST
                f.ctx.close();
            }
            case NET_BLACKHOLE -> {
                f.closing = true; // what the client sends from now on is read and dropped
                fault.hold(f.ctx.channel());
            }
            default -> throw new IllegalStateException("kind: " + fault.kind() + " (expected: one that answers)");
        }
        return true;
    }
}
