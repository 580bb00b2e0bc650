package gale.control.monitoring;

import gale.autoscaler.ScalingDecision;
import gale.autoscaler.ScalingListener;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import gale.monitor.metrics.GaleMetrics;
import java.util.regex.Pattern;

/**
 * One service's autoscaler decisions as {@code autoscaling.decision} events and metrics. The policy runs every
 * second: each decision that changes the count is an event; a decision that keeps it is an event only when its kind
 * of reason changes (its words, numbers aside), so the log says "cooldown, 3 s left" once, not every second.
 */
final class DecisionEvents implements ScalingListener {

    private static final Pattern NUMBERS = Pattern.compile("[0-9.]+");

    private final EventLog events;
    private final GaleMetrics metrics;
    private String lastKind = "";

    DecisionEvents(EventLog events, GaleMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public void onDecision(ScalingDecision decision) {
        metrics.scalingDecision(
                decision.service(), decision.desired(), decision.direction().label());
        String kind =
                decision.changed() ? "" : NUMBERS.matcher(decision.reason()).replaceAll("#");
        boolean publish;
        synchronized (this) {
            publish = decision.changed() || !kind.equals(lastKind);
            lastKind = kind;
        }
        if (publish) {
            events.publish(
                    EventType.AUTOSCALING_DECISION,
                    decision.service(),
                    decision.service(),
                    decision.direction().label() + ": " + decision.reason());
        }
    }
}
