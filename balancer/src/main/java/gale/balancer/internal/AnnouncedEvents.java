package gale.balancer.internal;

import gale.balancer.TargetListener;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.balancer.internal.group.GroupEvents;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.proxy.Observers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of the configured target groups: logged, told to target listeners, and fail-open and limits' high use to
 * the observer.
 */
final class AnnouncedEvents implements GroupEvents {
    private static final Logger log = LoggerFactory.getLogger(TargetGroupImpl.class);

    private final List<TargetListener> listeners;
    private final Observers observers;

    AnnouncedEvents(List<TargetListener> listeners, Observers observers) {
        this.listeners = listeners;
        this.observers = observers;
    }

    @Override
    public void registered(String group, TargetSnapshot target) {
        log.info("Target {} registered in {} at {}", target.id(), group, target.address());
        tell(group, target, target.state());
    }

    @Override
    public void stateChanged(String group, TargetSnapshot target, TargetState previous) {
        log.info(
                "Target {} of {}: {} -> {} ({}{}{})",
                target.id(),
                group,
                previous,
                target.state(),
                target.reason(),
                target.detail().isEmpty() ? "" : ": ",
                target.detail());
        tell(group, target, previous);
    }

    @Override
    public void failOpenEntered(String group, int registered) {
        log.warn("Fail-open: no healthy target in {}, routing to all {} registered", group, registered);
        observers.observer().failOpenEntered(group);
    }

    @Override
    public void failOpenLeft(String group, int healthy, int registered) {
        log.info("Fail-open over in {}: {} healthy of {}", group, healthy, registered);
        observers.observer().failOpenLeft(group);
    }

    @Override
    public void limitUseHigh(String group, String target, String limit, int inUse, int max) {
        log.warn(
                "{} of {} at {} of its {} {}",
                target == null ? "The queue" : "Target " + target,
                group,
                inUse,
                limit,
                max);
        observers.observer().limitUseHigh(group, target, limit, inUse, max);
    }

    private void tell(String group, TargetSnapshot target, TargetState previous) {
        for (TargetListener l : listeners) {
            try {
                l.onTargetStateChange(group, target, previous);
            } catch (RuntimeException e) {
                log.warn("Target listener failed on {} of {}", target.id(), group, e);
            }
        }
    }
}
