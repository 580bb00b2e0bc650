package gale.balancer;

import java.util.Locale;

/**
 * How a listener treats requests by their {@link DesyncClassification}, as ALB's
 * {@code routing.http.desync_mitigation_mode} does. A Severe request is one the balancer cannot frame or forward
 * unambiguously: it is refused in every mode, monitor included.
 */
public enum DesyncMitigationMode {
    /** Forwards Compliant, Acceptable and Ambiguous requests as they are, and counts them. */
    MONITOR,
    /** Forwards Compliant and Acceptable; forwards Ambiguous, then closes both connections; refuses Severe. */
    DEFENSIVE,
    /** Forwards only Compliant requests. */
    STRICTEST;

    /** The name the stack file and the metrics use: {@code monitor}, {@code defensive}, {@code strictest}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
