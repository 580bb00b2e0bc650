package gale.monitor.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/** The control plane's own decisions: autoscaling and alarms. */
final class ControlMetrics {
    static final List<String> DIRECTIONS = List.of("out", "in", "none");
    static final List<String> ALARM_STATES = List.of("OK", "ALARM", "INSUFFICIENT_DATA");

    private final Gauge autoscalerDesired;
    private final Counter decisions;
    private final Gauge alarmState;
    private final Counter alarmTransitions;

    ControlMetrics(PrometheusRegistry registry) {
        autoscalerDesired = Gauge.builder()
                .name("gale_autoscaler_desired_tasks")
                .help("The count the autoscaler last decided for the service")
                .labelNames("service")
                .register(registry);
        decisions = Counter.builder()
                .name("gale_autoscaler_decisions")
                .help("Autoscaler evaluations by outcome: out, in, or none (tolerance, cooldown, stabilization)")
                .labelNames("service", "direction")
                .register(registry);
        alarmState = Gauge.builder()
                .name("gale_alarm_state")
                .help("1 for the alarm's current state (OK, ALARM, INSUFFICIENT_DATA), 0 for the others")
                .labelNames("alarm", "state")
                .register(registry);
        alarmTransitions = Counter.builder()
                .name("gale_alarm_transitions")
                .help("Alarm state changes, by the state entered")
                .labelNames("alarm", "state")
                .register(registry);
    }

    void scalingDecision(String service, int desired, String direction) {
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("direction: " + direction + " (expected: one of " + DIRECTIONS + ")");
        }
        autoscalerDesired.labelValues(service).set(desired);
        for (String d : DIRECTIONS) {
            var counter = decisions.labelValues(service, d); // every direction exists from the first decision
            if (d.equals(direction)) {
                counter.inc();
            }
        }
    }

    void alarmAdded(String alarm, String state) {
        setAlarmState(alarm, state);
        for (String s : ALARM_STATES) {
            alarmTransitions.labelValues(alarm, s); // 0 until the first change
        }
    }

    void alarmStateChanged(String alarm, String state) {
        setAlarmState(alarm, state);
        alarmTransitions.labelValues(alarm, state).inc();
    }

    private void setAlarmState(String alarm, String state) {
        if (!ALARM_STATES.contains(state)) {
            throw new IllegalArgumentException("state: " + state + " (expected: one of " + ALARM_STATES + ")");
        }
        for (String s : ALARM_STATES) {
            alarmState.labelValues(alarm, s).set(s.equals(state) ? 1 : 0);
        }
    }

    void alarmRemoved(String alarm) {
        alarmState.removeIf(l -> l.getFirst().equals(alarm));
        alarmTransitions.removeIf(l -> l.getFirst().equals(alarm));
    }
}
