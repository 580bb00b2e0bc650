package gale.control.monitoring;

import gale.autoscaler.ScalingTarget;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import gale.fleet.Fleet;
import gale.fleet.ServiceSnapshot;
import java.util.NoSuchElementException;

/** The fleet's service as the autoscaler sees it: its desired count, set with the decision's reason as an event. */
final class ServiceScalingTarget implements ScalingTarget {

    static final String STOP_REASON = "Scaling activity initiated by the autoscaler";

    private final String service;
    private final Fleet fleet;
    private final EventLog events;

    ServiceScalingTarget(String service, Fleet fleet, EventLog events) {
        this.service = service;
        this.fleet = fleet;
        this.events = events;
    }

    @Override
    public int currentCount() {
        return fleet.services().stream()
                .filter(s -> s.name().equals(service))
                .mapToInt(ServiceSnapshot::desiredCount)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no service " + service + " in the fleet yet"));
    }

    @Override
    public void setDesired(int count, String reason) {
        fleet.scale(service, count, STOP_REASON);
        events.publish(
                EventType.SERVICE_SCALED,
                service,
                service,
                "Desired count set to " + count + " by the autoscaler: " + reason);
    }
}
