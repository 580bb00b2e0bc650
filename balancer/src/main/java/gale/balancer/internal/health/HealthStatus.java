package gale.balancer.internal.health;

import gale.balancer.TargetReason;
import gale.balancer.TargetState;

/**
 * ALB's target health state machine, without time: consecutive check results against the thresholds, passive
 * mark-downs, and draining as the final state. Not thread-safe: its owner guards it.
 */
public final class HealthStatus {
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private TargetState state = TargetState.INITIAL;
    private TargetReason reason = TargetReason.INITIAL_HEALTH_CHECKING;
    private String detail = "";
    private int successes;
    private int failures;

    public HealthStatus(int healthyThreshold, int unhealthyThreshold) {
        this.healthyThreshold = healthyThreshold;
        this.unhealthyThreshold = unhealthyThreshold;
    }

    public TargetState state() {
        return state;
    }

    public TargetReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** @return true when the state changed */
    public boolean onSuccess() {
        if (state == TargetState.DRAINING) {
            return false;
        }
        failures = 0;
        successes++;
        if (state != TargetState.HEALTHY && successes >= healthyThreshold) {
            return move(TargetState.HEALTHY, TargetReason.HEALTHY, "");
        }
        return false;
    }

    /** @return true when the state changed */
    public boolean onFailure(TargetReason why, String words) {
        if (state == TargetState.DRAINING) {
            return false;
        }
        successes = 0;
        failures++;
        if (state == TargetState.UNHEALTHY) {
            reason = why;
            detail = words;
            return false;
        }
        if (failures >= unhealthyThreshold) {
            return move(TargetState.UNHEALTHY, why, words);
        }
        return false;
    }

    /** Passive detection (refused, reset): down at once, whatever the thresholds. */
    public boolean markDown(TargetReason why, String words) {
        if (state == TargetState.DRAINING || state == TargetState.UNHEALTHY) {
            return false;
        }
        successes = 0;
        failures = unhealthyThreshold;
        return move(TargetState.UNHEALTHY, why, words);
    }

    public boolean drain() {
        if (state == TargetState.DRAINING) {
            return false;
        }
        return move(TargetState.DRAINING, TargetReason.DEREGISTRATION_IN_PROGRESS, "");
    }

    private boolean move(TargetState next, TargetReason why, String words) {
        state = next;
        reason = why;
        detail = words;
        successes = 0;
        failures = 0;
        return true;
    }
}
