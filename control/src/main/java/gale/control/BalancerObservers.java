package gale.control;

import gale.balancer.BalancerObserver;
import gale.control.events.EventLog;
import gale.control.monitoring.Monitoring;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What a stack's balancer tells about its requests: fail-open events, then monitoring, then the caller's metrics. And
 * twins of those for the balancer's JIT warm-up when one is asked for (the same classes over state that is thrown
 * away, so that the JIT compiles the calls for exactly them), without the caller's metrics, which would count it.
 */
final class BalancerObservers {
    private BalancerObservers() {}

    static BalancerObserver of(EventLog events, Monitoring monitoring, BalancerObserver metrics) {
        return EventRecorder.failOpenEvents(events)
                .andThen(monitoring.observer())
                .andThen(metrics);
    }

    static Supplier<BalancerObserver> warmupTwins(Clock clock) {
        return () -> EventRecorder.failOpenEvents(new EventLog(clock, 1))
                .andThen(Monitoring.warmupTwin(clock))
                .andThen(BalancerObserver.NOOP);
    }
}
