package gale.control;

import gale.balancer.BalancerObserver;
import gale.balancer.TargetListener;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import gale.fleet.Fleet;
import gale.fleet.TaskEvent;
import gale.fleet.TaskListener;
import gale.fleet.TaskSnapshot;
import java.util.Locale;
import java.util.function.Function;

/** Turns task and target state changes, and fail-open, into events. */
final class EventRecorder implements TaskListener, TargetListener {

    private final EventLog events;
    private final Function<String, String> serviceOfTask;

    /** @param serviceOfTask the service a target id belongs to, or null (a static target) */
    EventRecorder(EventLog events, Function<String, String> serviceOfTask) {
        this.events = events;
        this.serviceOfTask = serviceOfTask;
    }

    static Function<String, String> serviceLookup(Fleet fleet) {
        return id -> fleet.task(id).map(TaskSnapshot::service).orElse(null);
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
        TaskSnapshot task = event.task();
        events.publish(
                "task." + task.state().name().toLowerCase(Locale.ROOT), task.id(), task.service(), event.reason());
    }

    @Override
    public void onTargetStateChange(String targetGroup, TargetSnapshot target, TargetState previous) {
        String reason = target.reason() + (target.detail().isEmpty() ? "" : ": " + target.detail()) + " (in "
                + targetGroup + ")";
        events.publish(
                "target." + target.state().name().toLowerCase(Locale.ROOT),
                target.id(),
                serviceOfTask.apply(target.id()),
                reason);
    }

    /**
     * Fail-open and limits near their end as events in {@code events}; the balancer's other outcomes are the
     * monitoring's business.
     */
    static BalancerObserver failOpenEvents(EventLog events) {
        return new BalancerObserver() {
            @Override
            public void failOpenEntered(String targetGroup) {
                events.publish(
                        EventType.FAILOPEN_ENTERED,
                        targetGroup,
                        null,
                        "Every target is unhealthy: routing to all of them");
            }

            @Override
            public void failOpenLeft(String targetGroup) {
                events.publish(EventType.FAILOPEN_LEFT, targetGroup, null, "A target is healthy again");
            }

            @Override
            public void limitUseHigh(String targetGroup, String targetId, String limit, int inUse, int max) {
                String what = targetId == null
                        ? "The queue of " + targetGroup + " holds " + inUse + " requests"
                        : "Target " + targetId + " of " + targetGroup + " has " + inUse + " requests in flight";
                events.publish(
                        EventType.LIMIT_HIGH,
                        targetId == null ? targetGroup : targetId,
                        null,
                        what + ", " + (inUse * 100 / max) + "% of its " + limit + " " + max);
            }
        };
    }
}
