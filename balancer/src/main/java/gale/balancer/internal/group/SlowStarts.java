package gale.balancer.internal.group;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** When a group's targets ramp up ({@link SlowStart}), and the end of each ramp. */
final class SlowStarts {
    private static final Logger log = LoggerFactory.getLogger(SlowStarts.class);

    private final TargetGroupImpl group;
    private final Duration window;
    /** Where the end of each ramp is scheduled. */
    private final EventLoop timer;

    SlowStarts(TargetGroupImpl group, Duration window, EventLoop timer) {
        this.group = group;
        this.window = window;
        this.timer = timer;
    }

    /**
     * Under the group's lock, for a target that just turned healthy: slow start, when the group has one and another
     * healthy target already takes a full share (the first target, or one that comes back while none serves, gets
     * everything at once, as on ALB: there is nobody to take the rest).
     */
    SlowStart begin(Target target, Target[] healthy) {
        if (window.isZero()) {
            return null;
        }
        for (Target t : healthy) {
            if (t != target && t.slowStart() == null) {
                SlowStart ramp = new SlowStart(System.nanoTime(), window.toNanos());
                target.slowStart(ramp);
                return ramp;
            }
        }
        return null;
    }

    void scheduleEnd(Target target, SlowStart ramp) {
        log.info(
                "Target {} of {}: slow start for {}, from {}% of a full share",
                target.id, group.name(), window, Math.round(SlowStart.FLOOR * 100));
        try {
            timer.schedule(() -> end(target, ramp), ramp.windowNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // the balancer is closing
            log.debug("Slow start of {} not scheduled to end: the balancer is closing", target);
        }
    }

    private void end(Target target, SlowStart ramp) {
        synchronized (group) {
            if (target.slowStart() != ramp) { // ended already: the target went unhealthy, maybe came back
                return;
            }
            target.slowStart(null);
            group.slowStartEnded();
        }
        log.info("Target {} of {}: slow start over, full share", target.id, group.name());
    }
}
